package dev.quorumchaos.cli;

import dev.quorumchaos.report.Json;
import dev.quorumchaos.service.etcd.EtcdSettings;
import dev.quorumchaos.settings.RunSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The etcd scenarios written to break each check, through the CLI as a user would: every check
 * says FAIL on etcd too, with evidence, and the run exits 1.
 */
class EtcdExpectedFailuresTest {

    @TempDir
    static Path reports;

    static int exitCode;
    static List<Map<String, Object>> scenarios;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void runTheExpectedFailures() throws Exception {
        Assumptions.assumeTrue(EtcdSettings.onPath(RunSettings.fromSystem().machine()).isPresent(), "no etcd on the PATH (apt-get install etcd-server)");
        exitCode = ChaosCli.execute("run", "--target", "local", "--tags", "@expected-to-fail",
                "--report-dir", reports.resolve("latest").toString(), "features/etcd/expected-failures.feature");
        Map<String, Object> results = Json.MAPPER.readValue(reports.resolve("latest/results.json").toFile(), Map.class);
        scenarios = (List<Map<String, Object>>) results.get("scenarios");
    }

    @Test
    void theRunFailsWithExitCodeOne() {
        assertThat(exitCode).isEqualTo(ChaosCli.FAILED);
        assertThat(scenarios).hasSize(5).allSatisfy(s -> assertThat(s.get("status")).isEqualTo("failed"));
    }

    @Test
    void exceedingTheBudgetFails() {
        Map<String, Object> check = check("Killing two etcd followers of three breaks a budget of one",
                "disruption budget of 1");
        assertThat(check.get("verdict")).isEqualTo("fail");
        assertThat(((Map<?, ?>) check.get("evidence")).get("maxUnavailable")).isEqualTo(2);
    }

    @Test
    void losingTheLeaderFailsKeepsQuorum() {
        Map<String, Object> check = check("A killed etcd leader means quorum is not kept", "keeps quorum");
        assertThat(check.get("verdict")).isEqualTo("fail");
        assertThat((List<?>) ((Map<?, ?>) check.get("evidence")).get("outages")).isNotEmpty();
    }

    @Test
    void aClusterOfFewerMembersThanAskedForFailsTheMembershipCheckWithTheMembersListed() {
        Map<String, Object> check = check("A 3-member etcd cluster is not the 4 members asked for",
                "the ensemble has 4 members");
        assertThat(check.get("verdict")).isEqualTo("fail");
        assertThat((String) check.get("summary")).contains("the service lists 3 voting members, not 4");
        assertThat((List<?>) ((Map<?, ?>) check.get("evidence")).get("committed")).hasSize(3)
                .allSatisfy(m -> assertThat((String) m).matches("member-\\d=http://127\\.0\\.0\\.1:\\d+"));
    }

    @Test
    void noQuorumBeforeTheDeadlineFails() {
        Map<String, Object> check = check("Two dead etcd followers of three leave no quorum within one second",
                "quorum within 1 s");
        assertThat(check.get("verdict")).isEqualTo("fail");
        assertThat((String) check.get("summary")).contains("after the fault 'kill 2 follower(s)");
    }

    @Test
    void aWipedMajorityCannotBeReAddedAndTheQuorumCheckSaysWhy() {
        Map<String, Object> check = check(
                "An etcd majority losing its volumes while the only full copy is cut off cannot rejoin",
                "quorum within 5 s");
        assertThat(check.get("verdict")).isEqualTo("fail");
        assertThat((String) check.get("summary")).contains("no quorum to re-add member");
        assertThat((Map<?, ?>) ((Map<?, ?>) check.get("evidence")).get("unavailableMembers")).isNotEmpty();
    }

    private static Map<String, Object> check(String scenario, String checkName) {
        Map<String, Object> s = scenarios.stream().filter(x -> scenario.equals(x.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no scenario '" + scenario + "' in " + scenarios));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> checks = (List<Map<String, Object>>) s.get("checks");
        return checks.stream().filter(c -> checkName.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check '" + checkName + "' in " + checks));
    }
}
