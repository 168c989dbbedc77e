package dev.quorumchaos.cli;

import dev.quorumchaos.report.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the scenarios written to break each check, through the CLI as a user would, and proves
 * every check can say FAIL, with evidence, and that the run exits 1.
 */
class ExpectedFailuresTest {

    @TempDir
    static Path reports;

    static int exitCode;
    static List<Map<String, Object>> scenarios;
    /** What the run printed, on both streams. */
    static String output;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void runTheExpectedFailures() throws Exception {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        try {
            java.io.PrintStream both = new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);
            exitCode = ChaosCli.execute("run", "--target", "local", "--tags", "@expected-to-fail",
                    "--report-dir", reports.resolve("latest").toString(), "features/zookeeper/expected-failures.feature");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        output = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        System.out.print(output);
        dev.quorumchaos.report.ResultsSchema.assertValid(reports.resolve("latest/results.json"));
        Map<String, Object> results = Json.MAPPER.readValue(reports.resolve("latest/results.json").toFile(), Map.class);
        scenarios = (List<Map<String, Object>>) results.get("scenarios");
    }

    @Test
    void theRunFailsWithExitCodeOne() {
        assertThat(exitCode).isEqualTo(ChaosCli.FAILED);
        assertThat(scenarios).hasSize(8).allSatisfy(s -> assertThat(s.get("status")).isEqualTo("failed"));
    }

    @Test
    void failedVerdictsAreOneLineEachWithNoStackTrace() {
        // Cucumber's own summary printed a stack trace per failed scenario; the run's summary names them
        assertThat(output).doesNotContain("\tat ").doesNotContain("Caused by").doesNotContain("AssertionError")
                .contains("  failed: Killing two followers of three breaks a budget of one (expected-failures.feature:6)");
    }

    @Test
    void exceedingTheBudgetFailsAndNamesTheMoment() {
        Map<String, Object> check = check("Killing two followers of three breaks a budget of one", "disruption budget of 1");
        assertThat(check.get("verdict")).isEqualTo("fail");
        Map<?, ?> evidence = (Map<?, ?>) check.get("evidence");
        assertThat(evidence.get("maxUnavailable")).isEqualTo(2);
        assertThat(evidence.get("firstExceededAtMs")).isInstanceOf(Number.class);
        assertThat((String) evidence.get("firstExceededAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat((String) check.get("summary")).contains("budget exceeded");
    }

    @Test
    void losingTheLeaderFailsKeepsQuorumWithTheOutage() {
        Map<String, Object> check = check("A killed leader means quorum is not kept", "keeps quorum");
        assertThat(check.get("verdict")).isEqualTo("fail");
        List<?> outages = (List<?>) ((Map<?, ?>) check.get("evidence")).get("outages");
        assertThat(outages).isNotEmpty();
        assertThat(((Number) ((Map<?, ?>) outages.get(0)).get("durationMs")).longValue()).isPositive();
    }

    @Test
    void anEnsembleOfFewerMembersThanAskedForFailsTheMembershipCheckWithTheServersListed() {
        Map<String, Object> check = check("A 3-member ensemble is not the 5 members asked for", "the ensemble has 5 members");
        assertThat(check.get("verdict")).isEqualTo("fail");
        assertThat((String) check.get("summary")).contains("the service lists 3 voting members, not 5");
        assertThat((List<?>) ((Map<?, ?>) check.get("evidence")).get("committed")).hasSize(3)
                .allSatisfy(line -> assertThat((String) line).matches("server\\.\\d=member-\\d:.*:participant;127\\.0\\.0\\.1:\\d+"));
    }

    @Test
    void aShrinkBelowWhatTheBudgetNeedsFailsAndNamesTheSize() {
        Map<String, Object> check = check("Shrunk to 2 members, an ensemble cannot keep a budget of 1",
                "the disruption budget of 1 leaves a quorum");
        assertThat(check.get("verdict")).isEqualTo("fail");
        assertThat((String) check.get("summary")).startsWith("with 2 members from ")
                .endsWith("1 unavailable leave 1, short of the majority of 2");
        assertThat(((Map<?, ?>) check.get("evidence")).get("shortSize")).isEqualTo(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void restartingEveryMemberAtOnceFailsKeepsQuorumAndTheRestartIsOneWindowOverAll() {
        Map<String, Object> check = check("Restarting every member at once instead of one at a time loses quorum",
                "keeps quorum");
        assertThat(check.get("verdict")).isEqualTo("fail");
        assertThat((List<?>) ((Map<?, ?>) check.get("evidence")).get("outages")).isNotEmpty();
        List<Map<String, Object>> recoveries = (List<Map<String, Object>>)
                scenario("Restarting every member at once instead of one at a time loses quorum").get("recoveries");
        assertThat(recoveries).singleElement().satisfies(r -> {
            assertThat(r.get("description")).isEqualTo("restart every member at once");
            assertThat(r.get("lostAtMs")).isNotNull();
        });
    }

    @Test
    void noQuorumBeforeTheDeadlineFails() {
        Map<String, Object> check = check("Two dead followers of three leave no quorum within one second",
                "quorum within 1 s");
        assertThat(check.get("verdict")).isEqualTo("fail");
        assertThat((String) check.get("summary")).contains("after the fault 'kill 2 follower(s)");
    }

    @Test
    void aMajorityLosingItsVolumesLosesAcknowledgedWritesAndTheCheckListsThem() {
        Map<String, Object> check = check(
                "A majority losing its volumes while the only full copy is frozen loses acknowledged writes",
                "no acknowledged write lost");
        assertThat(check.get("verdict")).isEqualTo("fail");
        Map<?, ?> evidence = (Map<?, ?>) check.get("evidence");
        assertThat(((Number) evidence.get("lostWrites")).intValue()).isPositive();
        assertThat((List<?>) evidence.get("lost")).isNotEmpty().allSatisfy(k -> assertThat((String) k).startsWith("/orders/"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMajorityLosingItsVolumesUnderTheRegisterWorkloadIsNotLinearizableAndTheCounterexampleNamesTwoCreates() {
        Map<String, Object> check = check(REGISTERS_RECREATED, "linearizable writes");
        assertThat(check.get("verdict")).isEqualTo("fail");
        assertThat((String) check.get("summary")).contains("create /registers/r");
        List<Map<String, Object>> counterexamples =
                (List<Map<String, Object>>) ((Map<?, ?>) check.get("evidence")).get("counterexamples");
        assertThat(counterexamples).isNotEmpty().allSatisfy(c -> assertThat((List<Map<String, Object>>) c.get("operations"))
                .filteredOn(op -> "cas".equals(op.get("f")) && op.get("expected") == null && "ok".equals(op.get("outcome")))
                .as("acknowledged creates in %s", c).hasSizeGreaterThanOrEqualTo(2));
    }

    @Test
    void theFailingRunsHistoryIsSavedAndCheckingItAgainGivesTheSameVerdict() {
        Map<String, Object> scenario = scenario(REGISTERS_RECREATED);
        Path history = reports.resolve("latest").resolve((String) scenario.get("history"));
        assertThat(history).exists().content().startsWith("; quorum-chaos history of");

        assertThat(ChaosCli.execute("check", "--reads", "ignored", history.toString())).isEqualTo(ChaosCli.FAILED);
    }

    @Test
    @SuppressWarnings("unchecked")
    void resultsJsonCarriesTheRecoveryTheQuorumCheckMeasured() {
        Map<String, Object> check = check("Two dead followers of three leave no quorum within one second",
                "quorum within 1 s");
        List<Map<String, Object>> recoveries = (List<Map<String, Object>>)
                scenario("Two dead followers of three leave no quorum within one second").get("recoveries");
        Map<String, Object> measured = (Map<String, Object>) ((Map<?, ?>) check.get("evidence")).get("recovery");
        assertThat(recoveries).singleElement().satisfies(r -> {
            assertThat(r.get("faultId")).isEqualTo(measured.get("faultId"));
            assertThat(r.get("lostAtMs")).isEqualTo(measured.get("lostAtMs"));
            assertThat(r.get("appliedAtMs")).isEqualTo(measured.get("appliedAtMs"));
        });
    }

    private static final String REGISTERS_RECREATED =
            "A majority losing its volumes while the only full copy is cut off creates the registers again";

    private static Map<String, Object> scenario(String name) {
        return scenarios.stream().filter(x -> name.equals(x.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no scenario '" + name + "' in " + scenarios));
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
