package dev.quorumchaos.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Standby member JVMs start before picocli reads the arguments only for a run that will run members here. */
class EarlyStandbysTest {

    @Test
    void aRunOnTheLocalOrAutomaticTargetStartsThem() {
        assertThat(RunCommand.startsStandbys(new String[]{"run"})).isTrue();
        assertThat(RunCommand.startsStandbys(new String[]{"run", "--seed", "7", "features/zookeeper"})).isTrue();
        assertThat(RunCommand.startsStandbys(new String[]{"run", "--target", "local"})).isTrue();
        assertThat(RunCommand.startsStandbys(new String[]{"run", "--target=auto", "x.feature"})).isTrue();
    }

    @Test
    void anythingElseDoesNot() {
        assertThat(RunCommand.startsStandbys(new String[]{})).isFalse();
        assertThat(RunCommand.startsStandbys(new String[]{"steps"})).isFalse();
        assertThat(RunCommand.startsStandbys(new String[]{"run", "--target", "k3s"})).isFalse();
        assertThat(RunCommand.startsStandbys(new String[]{"run", "--target=kubeconfig", "--context", "c"})).isFalse();
        assertThat(RunCommand.startsStandbys(new String[]{"run", "--dry-run"})).isFalse();
        assertThat(RunCommand.startsStandbys(new String[]{"run", "--help"})).isFalse();
        assertThat(RunCommand.startsStandbys(new String[]{"run", "--target"})).isFalse();
    }
}
