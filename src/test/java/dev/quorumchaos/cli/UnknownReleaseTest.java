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

/**
 * A release the local target cannot run, in a Given or in an upgrade: exit 2, one paragraph
 * naming the release and the feature's file and line, and nothing injected.
 */
class UnknownReleaseTest {

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
        System.err.print(err.toString(StandardCharsets.UTF_8));
    }

    private int run(Path feature) {
        return ChaosCli.execute("run", "--target", "local", "--report-dir", dir.resolve("reports").toString(),
                feature.toString());
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> faultsOfTheOnlyScenario() throws Exception {
        Map<String, Object> results = Json.MAPPER.readValue(dir.resolve("reports/results.json").toFile(), Map.class);
        List<Map<String, Object>> scenarios = (List<Map<String, Object>>) results.get("scenarios");
        assertThat(scenarios).hasSize(1);
        return (List<Map<String, Object>>) scenarios.get(0).get("faults");
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anEnsembleOfAReleaseMembersCannotRunIsBadInputBeforeAnyMemberStarts() throws Exception {
        Path f = Files.writeString(dir.resolve("old.feature"), """
                Feature: f
                  Scenario: an ensemble too old
                    Given a 3-member ZooKeeper 3.7.99 ensemble
                    When the ensemble is restarted one member at a time
                """);

        assertThat(run(f)).isEqualTo(ChaosCli.BAD_INPUT);

        assertThat(stderr()).contains("old.feature:3").contains("ZooKeeper 3.7.99 is not a release the local target can start")
                .doesNotContain("\tat ");
        assertThat(faultsOfTheOnlyScenario()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUpgradeToAReleaseCentralDoesNotServeOrUnderABudgetOfZeroIsBadInputAndStopsNoMember() throws Exception {
        Path f = Files.writeString(dir.resolve("next.feature"), """
                Feature: f
                  Scenario: an upgrade to a release not out yet
                    Given a 3-member ZooKeeper ensemble
                    When the ensemble is upgraded to ZooKeeper 3.9.6 one member at a time

                  Scenario: a rolling restart no budget allows
                    Given a 3-member ZooKeeper ensemble
                    And a disruption budget of 0 unavailable members
                    When the ensemble is restarted one member at a time
                """);

        assertThat(run(f)).isEqualTo(ChaosCli.BAD_INPUT);

        // 3.9.6's pom is on Central but its parent and dependencies are not: the resolver says which
        assertThat(stderr()).contains("next.feature:4").contains("ZooKeeper 3.9.6").doesNotContain("\tat ")
                .contains("next.feature:9").contains("a disruption budget of 0 unavailable members allows no member down");
        Map<String, Object> results = Json.MAPPER.readValue(dir.resolve("reports/results.json").toFile(), Map.class);
        assertThat((List<Map<String, Object>>) results.get("scenarios")).hasSize(2)
                .allSatisfy(s -> assertThat((List<?>) s.get("faults")).isEmpty());
    }

    @Test
    void anEtcdReleaseOtherThanTheInstalledOneNamesTheInstalledOne() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.util.Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "etcd"))), "no etcd on the PATH");
        Path f = Files.writeString(dir.resolve("etcd.feature"), """
                Feature: f
                  Scenario: an etcd release that is not installed
                    Given a 3-member etcd 3.5.17 cluster
                """);

        assertThat(run(f)).isEqualTo(ChaosCli.BAD_INPUT);

        assertThat(stderr()).contains("etcd.feature:3").contains("etcd 3.5.17 is not a release the local target can run")
                .contains("the only etcd here is 3.4.23");
        assertThat(faultsOfTheOnlyScenario()).isEmpty();
    }
}
