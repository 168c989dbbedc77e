package dev.quorumchaos.cli;

import dev.quorumchaos.report.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A resize that makes no sense is bad input: exit 2, the step's line named, no membership changed. */
class ScaleBadInputTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    @Test
    @SuppressWarnings("unchecked")
    void growingToFewerMembersIsBadInputNamingTheStepToWriteAndChangesNothing() throws Exception {
        Path f = Files.writeString(dir.resolve("resize.feature"), """
                Feature: f
                  Scenario: grow to fewer members
                    Given a 3-member ZooKeeper ensemble
                    When the ensemble grows to 2 members
                """);

        int exit = ChaosCli.execute("run", "--target", "local", "--report-dir", dir.resolve("reports").toString(),
                f.toString());

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(ChaosCli.BAD_INPUT);
        assertThat(stderr).contains("resize.feature:4").contains("cannot grow a 3-member ensemble to 2 members;"
                + " to remove members, write 'When the ensemble shrinks to 2 members'");
        assertThat(stderr).doesNotContain("\tat ");
        Map<String, Object> results = Json.MAPPER.readValue(dir.resolve("reports/results.json").toFile(), Map.class);
        assertThat((List<Map<String, Object>>) results.get("scenarios")).singleElement()
                .satisfies(s -> assertThat((List<?>) s.get("faults")).isEmpty());
    }
}
