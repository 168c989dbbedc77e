package dev.quorumchaos.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pre-check's dry run also says how large the first scenario's ensemble is, for the standbys. */
class FeatureCheckRunTest {

    @TempDir
    Path dir;

    private FeatureCheckRun check(Path feature) {
        return FeatureCheckRun.run(List.of("--dry-run", "--glue", RunCommand.GLUE, feature.toString()));
    }

    @Test
    void theFirstScenariosEnsembleSizeIsReadFromItsStep() throws Exception {
        Path f = Files.writeString(dir.resolve("five.feature"), """
                Feature: f
                  Scenario: first
                    Given a 5-member ZooKeeper ensemble
                    When the leader is killed
                  Scenario: second
                    Given a 3-member ZooKeeper ensemble
                """);

        FeatureCheckRun run = check(f);

        assertThat(run.problems()).isEmpty();
        assertThat(run.scenarios()).isEqualTo(2);
        assertThat(run.firstEnsembleSize()).isEqualTo(5);
    }

    @Test
    void aFeatureWithoutAnEnsembleStepNamesNoSize() throws Exception {
        Path f = Files.writeString(dir.resolve("none.feature"), """
                Feature: f
                  Scenario: only checks
                    Then the ensemble has quorum within 30 seconds
                """);

        assertThat(check(f).firstEnsembleSize()).isZero();
    }
}
