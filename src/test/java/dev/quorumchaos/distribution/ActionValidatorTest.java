package dev.quorumchaos.distribution;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GitHub Action, the workflows and the one {@code chaos init} writes, through
 * {@code @action-validator/cli} (installed by .ci/run with npm); skipped, saying why, where it is
 * not on the PATH.
 */
class ActionValidatorTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void validatorPresent() {
        boolean present = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "action-validator")));
        if (!present) {
            System.out.println("ActionValidatorTest skipped: action-validator is not on the PATH"
                    + " (npm install -g @action-validator/cli)");
        }
        Assumptions.assumeTrue(present, "action-validator is not on the PATH (npm install -g @action-validator/cli)");
    }

    private static String validate(Path file) throws Exception {
        Process p = new ProcessBuilder("action-validator", file.toString()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + said;
    }

    @Test
    void theActionAndEveryWorkflowValidate() throws Exception {
        List<Path> files = new ArrayList<>(List.of(Path.of("action.yml"),
                Path.of("src/main/resources/dev/quorumchaos/cli/init/chaos.yml")));
        try (Stream<Path> workflows = Files.list(Path.of(".github/workflows"))) {
            workflows.filter(f -> f.toString().endsWith(".yml")).forEach(files::add);
        }
        assertThat(files).contains(Path.of(".github/workflows/release.yml"), Path.of(".github/workflows/nightly.yml"));
        for (Path file : files) {
            assertThat(validate(file)).as(file.toString()).isEqualTo("0");
        }
    }

    @Test
    void aBrokenWorkflowFails() throws Exception {
        String nightly = Files.readString(Path.of(".github/workflows/nightly.yml"));
        Path broken = Files.writeString(dir.resolve("nightly.yml"), nightly.replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest"));

        assertThat(validate(broken)).doesNotStartWith("0").contains("runs-on");
    }

    @Test
    void aBrokenActionFails() throws Exception {
        Path action = Files.writeString(Files.createDirectories(dir.resolve("a")).resolve("action.yml"),
                Files.readString(Path.of("action.yml")).replace("using: composite", "using: compost"));

        assertThat(validate(action)).doesNotStartWith("0");
    }
}
