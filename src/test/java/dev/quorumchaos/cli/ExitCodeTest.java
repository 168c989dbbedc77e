package dev.quorumchaos.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** How the end of a run maps to the exit code CI gates on, from results.json as the run wrote it. */
class ExitCodeTest {

    @TempDir
    Path dir;

    private Path results(String scenarios, int failed, String inputErrors) throws Exception {
        return Files.writeString(dir.resolve("results.json"), """
                {"run": {"passed": 1, "failed": %d, "skipped": 1, "inputErrors": [%s]},
                 "scenarios": [%s]}
                """.formatted(failed, inputErrors, scenarios));
    }

    private static final String PASSED = """
            {"name": "a", "status": "passed", "uri": "file:///f/kill.feature", "line": 3}""";
    private static final String SKIPPED = """
            {"name": "b", "status": "skipped", "uri": "file:///f/nodes.feature", "line": 6}""";
    private static final String VERDICT_FAILED = """
            {"name": "c", "status": "failed", "uri": "file:///f/kill.feature", "line": 9,
             "failedStep": "Then the ensemble keeps quorum (kill.feature:12)", "error": "FAIL: keeps quorum"}""";
    private static final String HARNESS_FAILED = """
            {"name": "d", "status": "failed", "uri": "file:///f/kill.feature", "line": 15,
             "failedStep": "When the leader is killed (kill.feature:18)", "error": "null", "internalError": true}""";

    @Test
    void passedAndSkippedScenariosPass() throws Exception {
        assertThat(RunCommand.exitCode(results(PASSED + "," + SKIPPED, 0, ""), (byte) 0, false))
                .isEqualTo(ChaosCli.PASSED);
    }

    @Test
    void aFailedVerdictIsOne() throws Exception {
        assertThat(RunCommand.exitCode(results(PASSED + "," + VERDICT_FAILED + "," + HARNESS_FAILED, 2, ""),
                (byte) 1, false)).isEqualTo(ChaosCli.FAILED);
    }

    @Test
    void aScenarioThatFailedOnlyBecauseTheHarnessBrokeIsThreeNotOne() throws Exception {
        assertThat(RunCommand.exitCode(results(PASSED + "," + HARNESS_FAILED, 1, ""), (byte) 1, false))
                .isEqualTo(ChaosCli.INTERNAL_ERROR);
    }

    @Test
    void aRunCucumberCouldNotFinishIsThreeWithoutVerdictsAndTheVerdictWithThem() throws Exception {
        assertThat(RunCommand.exitCode(dir.resolve("missing.json"), (byte) 0, true)).isEqualTo(ChaosCli.INTERNAL_ERROR);
        assertThat(RunCommand.exitCode(results(PASSED, 0, ""), (byte) 0, true)).isEqualTo(ChaosCli.INTERNAL_ERROR);
        assertThat(RunCommand.exitCode(results(VERDICT_FAILED, 1, ""), (byte) 0, true)).isEqualTo(ChaosCli.FAILED);
    }

    @Test
    void badInputFoundWhileRunningIsTwo() throws Exception {
        assertThat(RunCommand.exitCode(results(VERDICT_FAILED, 1, "\"there is no member 7\""), (byte) 1, false))
                .isEqualTo(ChaosCli.BAD_INPUT);
    }
}
