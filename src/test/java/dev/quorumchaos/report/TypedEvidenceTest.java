package dev.quorumchaos.report;

import dev.quorumchaos.check.BudgetEvidence;
import dev.quorumchaos.check.CrashEvidence;
import dev.quorumchaos.check.DurabilityEvidence;
import dev.quorumchaos.check.Evidence;
import dev.quorumchaos.check.FaultRecovery;
import dev.quorumchaos.check.Judges;
import dev.quorumchaos.check.LinearizabilityEvidence;
import dev.quorumchaos.check.MinorityWritesEvidence;
import dev.quorumchaos.check.OperationEvidence;
import dev.quorumchaos.check.OtherEvidence;
import dev.quorumchaos.check.PdbEvidence;
import dev.quorumchaos.check.QuorumEvidence;
import dev.quorumchaos.check.QuorumHeldEvidence;
import dev.quorumchaos.check.SessionOrderEvidence;
import dev.quorumchaos.check.Verdict;
import dev.quorumchaos.history.History;
import dev.quorumchaos.report.results.CheckResult;
import dev.quorumchaos.report.results.RunResults;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.quorumchaos.report.ResultsJson.scenario;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of evidence goes from the check to results.json and back to the report as the same
 * record, the way a run takes it: embedded in the scenario's attachment, written by ResultsPlugin,
 * read by RunResults. The file names each check's kind; a file without kinds still reads.
 */
class TypedEvidenceTest {

    private static final OperationEvidence WRITE = new OperationEvidence(3, 1, "write", "/k", null, "v1", "ok", 10L,
            12L, 0);
    private static final OperationEvidence CAS = new OperationEvidence(5, 2, "cas", "/k", "v1", "v2", "info", 14L,
            null, -1);

    private static List<Evidence> everyKind() {
        FaultRecovery recovery = new FaultRecovery("fault-1", "kill", "kill leader (member 2)", List.of(2), 1000,
                1010L, 1500L, 500, false);
        return List.of(
                new QuorumEvidence("the fault 'kill leader (member 2)'", 1000, 30_000, recovery, 1010L, null, null,
                        500L, 1500L, 0),
                new QuorumEvidence("the fault 'volume loss'", 1000, 5000, recovery, 900L, 4100L,
                        Map.of(1, "no quorum to re-add member 1", 0, "down"), null, null, null),
                new QuorumHeldEvidence(100L, List.of(new QuorumHeldEvidence.Outage(1000, 1500, 500,
                        "2026-11-25T22:39:44.560Z", false))),
                new QuorumHeldEvidence(null, null),
                new DurabilityEvidence(10, 2, 1, 0, 2, List.of("/o/1", "/o/2"),
                        Map.of("member 1", List.of("/o/1", "/o/2")), 1200L, 1, null, List.of("/o/9"), null),
                new BudgetEvidence(1, 2, 1000, 5000, 1500L, List.of(0, 2),
                        List.of(new BudgetEvidence.Window(0, "down", 1500, 3000)), 2500L, "2026-11-25T22:39:46.060Z",
                        500L),
                new PdbEvidence("zk-pdb", 1, null, "2026-11-25T22:39:44Z").withPeak(2, "2026-11-25T22:39:47Z")
                        .withUnavailableMembers(List.of("zk-0", "zk-1")).withFirstBreach("2026-11-25T22:39:47Z"),
                new MinorityWritesEvidence(List.of("isolate member 0 (minority [0])"), 3, 1, 1, 1,
                        List.of(new MinorityWritesEvidence.Acknowledged("/o/3", 0, 1100, 1200, "isolate member 0"))),
                new LinearizabilityEvidence(1, 2, true, null, 1, List.of("/k"), List.of(
                        new LinearizabilityEvidence.Counterexample("/k", "why", List.of(WRITE, CAS), CAS, true)),
                        null, null, List.of(new LinearizabilityEvidence.TooHardKey("/h", 400, 1_000_000, "budget")),
                        null),
                new LinearizabilityEvidence(1, 2, false, null, null, null, null, 42L,
                        new LinearizabilityEvidence.HardestKey("/k", 42), null, 3L),
                new SessionOrderEvidence(2, 1, 5, 1, null, 1, List.of(new SessionOrderEvidence.KeyNotJudged("/k", 1, 1)),
                        Map.of("non-monotonic read", 1), List.of(new SessionOrderEvidence.Violation(
                        "non-monotonic read", 1, "/k", "it went back", List.of(WRITE, CAS), CAS, WRITE))),
                new CrashEvidence("java.lang.NullPointerException", Judges.CORRECTNESS));
    }

    @Test
    void everyKindReachesTheReportAsTheRecordTheCheckMade() {
        List<Evidence> kinds = everyKind();
        List<Verdict> verdicts = kinds.stream().map(e -> Verdict.fail("check", "summary", e)).toList();

        List<CheckResult> read = throughResultsJson(verdicts);

        assertThat(read).extracting(CheckResult::evidence).containsExactlyElementsOf(kinds);
        assertThat(read).extracting(CheckResult::verdict).containsOnly("fail");
    }

    @Test
    void resultsJsonNamesTheKindBesideTheEvidence() {
        Map<String, Object> check = written(List.of(Verdict.pass("quorum within 30 s", "ok", everyKind().get(0))))
                .get(0);

        assertThat(check).containsEntry("kind", "quorum").containsEntry("verdict", "pass");
        @SuppressWarnings("unchecked")
        Map<String, Object> evidence = (Map<String, Object>) check.get("evidence");
        assertThat(evidence).containsEntry("timeToQuorumMs", 500)
                .containsEntry("quorumLostAtMs", 1010).doesNotContainKeys("withoutQuorumForMs", "unavailableMembers");
    }

    @Test
    void aFileWithoutKindsOrWithAKindThisReaderDoesNotKnowStillReads() {
        CheckResult old = scenario("s").check("no acknowledged write lost", "fail", "lost",
                Map.of("lostWrites", 2)).read().checks().get(0);
        CheckResult newer = scenario("s").check("a check from a newer harness", "future-kind", "fail", "s",
                Map.of("someField", 1)).read().checks().get(0);

        assertThat(old.evidence()).isEqualTo(new OtherEvidence(Map.of("lostWrites", 2)));
        assertThat(newer.evidence()).isEqualTo(new OtherEvidence(Map.of("someField", 1)));
        assertThat(newer.judgesCorrectness()).isFalse();
    }

    /** As a run does it: the scenario's attachment, ResultsPlugin's scenario, RunResults. */
    private static List<CheckResult> throughResultsJson(List<Verdict> verdicts) {
        List<Map<String, Object>> checks = written(verdicts);
        Map<String, Object> scenario = new LinkedHashMap<>(Map.of("name", "s", "status", "failed", "checks", checks));
        return RunResults.parse(Json.MAPPER.writeValueAsBytes(Map.of("scenarios", List.of(scenario))))
                .scenarios().get(0).checks();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> written(List<Verdict> verdicts) {
        ScenarioRecord record = ScenarioRecord.of("s", "local", "failed", new History(), 3, null, null, verdicts);
        ScenarioRecord attached = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(record), ScenarioRecord.class);
        Map<String, Object> scenario = ResultsPlugin.scenario(new LinkedHashMap<>(Map.of("name", "s")), attached);
        return (List<Map<String, Object>>) Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(scenario), Map.class)
                .get("checks");
    }
}
