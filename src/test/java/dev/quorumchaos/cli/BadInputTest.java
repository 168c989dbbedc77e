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

/** Bad input of every kind: exit 2, one readable paragraph naming file and line, no stack trace, nothing started. */
class BadInputTest {

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

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path feature(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private int run(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "run";
        full[1] = "--report-dir";
        full[2] = dir.resolve("reports").toString();
        System.arraycopy(args, 0, full, 3, args.length);
        return ChaosCli.execute(full);
    }

    private void assertNothingStarted() {
        assertThat(ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("")
                .matches(".*(StandbyMain|QuorumPeerMain).*"))).isEmpty();
        assertThat(stderr()).doesNotContain("\tat ").doesNotContain("Exception in thread");
    }

    @Test
    void anUnknownStepNamesFileLineAndText() throws Exception {
        Path f = feature("moon.feature", """
                Feature: f
                  Scenario: s
                    Given a 3-member ZooKeeper ensemble
                    When the moon is killed
                """);

        assertThat(run(f.toString())).isEqualTo(ChaosCli.BAD_INPUT);
        assertThat(stderr()).contains("moon.feature:4").contains("unknown step 'When the moon is killed'")
                .contains("no ensemble was started and nothing injected");
        assertNothingStarted();
    }

    @Test
    void aFileThatIsNotGherkinNamesTheLine() throws Exception {
        Path f = feature("garbage.feature", "This is not Gherkin\n  Given what\n");

        assertThat(run(f.toString())).isEqualTo(ChaosCli.BAD_INPUT);
        assertThat(stderr()).contains("garbage.feature:1").contains("'This is not Gherkin'");
        assertNothingStarted();
    }

    @Test
    void aScenarioWithoutItsColonIsExplained() throws Exception {
        Path f = feature("colon.feature", "Feature: f\n  Scenario s\n    Given a 3-member ZooKeeper ensemble\n");

        assertThat(run(f.toString())).isEqualTo(ChaosCli.BAD_INPUT);
        assertThat(stderr()).contains("no scenario to run").contains("'Scenario:'");
        assertNothingStarted();
    }

    @Test
    void pathsTargetsOptionsAndTagsThatMakeNoSense() throws Exception {
        assertThat(run(dir.resolve("missing.feature").toString())).isEqualTo(ChaosCli.BAD_INPUT);
        assertThat(stderr()).contains("missing.feature: no such feature file");

        assertThat(run(feature("notes.txt", "hello").toString())).isEqualTo(ChaosCli.BAD_INPUT);
        assertThat(stderr()).contains("not a .feature file");

        assertThat(run("--target", "mars")).isEqualTo(ChaosCli.BAD_INPUT);
        assertThat(stderr()).contains("unknown target 'mars'");

        assertThat(run("--frobnicate")).isEqualTo(ChaosCli.BAD_INPUT);
        assertThat(stderr()).contains("Unknown option: '--frobnicate'");

        assertThat(run("--tags", "@nothing-has-this-tag")).isEqualTo(ChaosCli.BAD_INPUT);
        assertThat(stderr()).contains("matching tags '@nothing-has-this-tag'");

        assertThat(run("--tags", "@a and")).isEqualTo(ChaosCli.BAD_INPUT);
        assertThat(ChaosCli.execute("fly")).isEqualTo(ChaosCli.BAD_INPUT);
        assertNothingStarted();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMemberTheEnsembleDoesNotHaveIsBadInputAndInjectsNothing() throws Exception {
        Path f = feature("seven.feature", """
                Feature: f
                  Scenario: kill a member that does not exist
                    Given a 3-member ZooKeeper ensemble
                    When member 7 is killed
                """);

        assertThat(run("--target", "local", f.toString())).isEqualTo(ChaosCli.BAD_INPUT);
        assertThat(stderr()).contains("seven.feature:4").contains("there is no member 7");
        dev.quorumchaos.report.ResultsSchema.assertValid(dir.resolve("reports/results.json"));
        Map<String, Object> results = Json.MAPPER.readValue(dir.resolve("reports/results.json").toFile(), Map.class);
        List<Map<String, Object>> scenarios = (List<Map<String, Object>>) results.get("scenarios");
        assertThat(scenarios).singleElement().satisfies(s -> assertThat((List<?>) s.get("faults")).isEmpty());
        assertNothingStarted();
    }

    /** A settings property set by hand (-Dchaos.seed=... through CHAOS_JAVA_OPTS) is read by RunSettings alone. */
    @Test
    void aMalformedSettingsPropertyIsNamedBeforeAnythingStarts() throws Exception {
        Path f = feature("ok.feature", """
                Feature: f
                  Scenario: s
                    Given a 3-member ZooKeeper ensemble
                """);
        String previous = System.setProperty("chaos.restartDelayMs", "soon");
        try {
            assertThat(run(f.toString())).isEqualTo(ChaosCli.BAD_INPUT);
        } finally {
            if (previous == null) {
                System.clearProperty("chaos.restartDelayMs");
            } else {
                System.setProperty("chaos.restartDelayMs", previous);
            }
        }
        assertThat(stderr()).contains("chaos.restartDelayMs must be a number of milliseconds, not 'soon'");
        assertNothingStarted();
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
