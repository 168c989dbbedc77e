package dev.quorumchaos.report.score;

import dev.quorumchaos.report.ResultsJson;
import dev.quorumchaos.report.results.RunResults;
import dev.quorumchaos.report.results.ScenarioResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static dev.quorumchaos.report.ResultsJson.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ResilienceScoreTest {

    private static final Map<String, Object> KEPT = Map.of("acknowledged", 50, "lostWrites", 0);
    private static final Map<String, Object> LOST = Map.of("acknowledged", 50, "lostWrites", 3,
            "lost", List.of("/o/0-1", "/o/0-2", "/o/0-3"));

    /** A scenario that held up perfectly: quorum kept, every write ok, budget kept, every check passed. */
    private static ResultsJson flawless() {
        return scenario("flawless").budget(1).quorumFlips(1000)
                .metric("withoutQuorumMs", 0).metric("writeAvailability", 1.0).metric("maxUnavailableMembers", 1)
                .check("no acknowledged write lost", "durability", "pass", "all 50 present", KEPT)
                .check("disruption budget of 1", "budget", "pass", "at most 1", Map.of("budget", 1, "maxUnavailable", 1));
    }

    @Test
    void aFlawlessScenarioScores100() {
        ScenarioScore score = ResilienceScore.of(flawless().read());

        assertThat(score.score()).isCloseTo(100, within(1e-9));
        assertThat(score.correctness()).isEqualTo(Correctness.KEPT);
        assertThat(score.probes()).extracting(Probe::name).containsExactly("quorum", "writes", "budget", "SLOs");
    }

    @Test
    void everyTenSecondsWithoutQuorumHalveTheQuorumProbe() {
        ScenarioScore score = ResilienceScore.of(scenario("slow election").durationMs(60_000)
                .quorumFlips(1000, 5000, 15_000).metric("withoutQuorumMs", 10_000).read());

        Probe quorum = score.probes().get(0);
        assertThat(quorum.name()).isEqualTo("quorum");
        assertThat(quorum.success()).isCloseTo(0.5, within(1e-9));
        assertThat(quorum.weight()).isEqualTo(ResilienceScore.QUORUM_WEIGHT);
        // only the quorum probe applies: A = 0.5, score = 100 × 1 × (¼ + ¾ × ½)
        assertThat(score.score()).isCloseTo(62.5, within(1e-9));
    }

    @Test
    void availabilityIsTheWeightedMeanOfItsProbes() {
        ScenarioScore score = ResilienceScore.of(scenario("weighted").budget(1).quorumFlips(1000)
                .metric("withoutQuorumMs", 0)                 // quorum  w3 s1
                .metric("writeAvailability", 0.5)             // writes  w2 s0.5
                .metric("maxUnavailableMembers", 2)           // budget  w1 s0.5
                .failedAt("Then the disruption budget is never exceeded", "FAIL")
                .check("disruption budget of 1", "budget", "fail", "2 > 1", Map.of("budget", 1, "maxUnavailable", 2))
                .check("quorum within 30 s", "quorum", "pass", "610 ms", Map.of())   // SLOs w2 s0.5
                .read());

        double a = (3 * 1 + 2 * 0.5 + 1 * 0.5 + 2 * 0.5) / 8;
        assertThat(score.availability()).isCloseTo(a, within(1e-9));
        assertThat(score.score()).isCloseTo(100 * (0.25 + 0.75 * a), within(1e-9));
    }

    @Test
    void anUnknownCheckLosesHalfItsPointAndAStepFailureWithoutAFailingCheckLosesOne() {
        ScenarioScore unknown = ResilienceScore.of(scenario("unknown").quorumFlips(1000)
                .check("keeps quorum", "quorum-held", "unknown", "could not tell", Map.of())
                .check("quorum within 30 s", "quorum", "pass", "ok", Map.of()).read());
        ScenarioScore stepFailed = ResilienceScore.of(scenario("step failed").quorumFlips(1000)
                .failedAt("When the leader is killed", "ChaosException: kill failed")
                .check("quorum within 30 s", "quorum", "pass", "ok", Map.of()).read());

        assertThat(slo(unknown).success()).isCloseTo(0.75, within(1e-9));
        assertThat(slo(stepFailed).success()).isCloseTo(0.5, within(1e-9));
        assertThat(slo(stepFailed).detail()).isEqualTo("1 of 2 kept");
    }

    @Test
    void aLostWriteCapsTheScenarioAt20BelowAnyScenarioThatKeptItsWrites() {
        ScenarioScore lostButAvailable = ResilienceScore.of(flawless().status("failed")
                .check("no acknowledged write lost", "durability", "fail", "3 lost", LOST).read());
        ScenarioScore keptButDownAllAlong = ResilienceScore.of(scenario("down all along").status("failed")
                .quorumFlips(1000, 1500).metric("withoutQuorumMs", 600_000).metric("writeAvailability", 0.0)
                .check("no acknowledged write lost", "durability", "pass", "all present", KEPT)
                .check("keeps quorum", "quorum-held", "fail", "lost", Map.of()).read());

        assertThat(lostButAvailable.correctness()).isEqualTo(Correctness.VIOLATED);
        assertThat(lostButAvailable.score()).isLessThanOrEqualTo(20);
        assertThat(keptButDownAllAlong.score()).isGreaterThanOrEqualTo(25);
        assertThat(lostButAvailable.why()).contains("3 lost");
    }

    @Test
    void lostWritesInTheMetricsViolateCorrectnessEvenWithoutAFailingCheck() {
        ScenarioScore score = ResilienceScore.of(flawless().metric("lostWrites", 2).read());

        assertThat(score.correctness()).isEqualTo(Correctness.VIOLATED);
        assertThat(score.why()).contains("2 acknowledged write(s) lost");
    }

    @Test
    void anUnknownDurabilityVerdictHalvesTheScore() {
        ScenarioScore score = ResilienceScore.of(scenario("unreadable").quorumFlips(1000).metric("withoutQuorumMs", 0)
                .check("no acknowledged write lost", "durability", "unknown", "could not read member 1",
                        Map.of("lostWrites", 0, "unreadable", List.of("member 1: timeout"))).read());

        assertThat(score.correctness()).isEqualTo(Correctness.UNKNOWN);
        assertThat(score.score()).isCloseTo(50, within(1e-9));
    }

    @Test
    void aScenarioThatFailedBeforeAnythingWasMeasuredScoresOnlyItsFloor() {
        ScenarioResult s = ResultsJson.run("2026-11-25T00:00:00Z", scenario("no ensemble")
                .failedAt("Given a 3-member ZooKeeper ensemble", "boot timed out")).scenarios().get(0);
        ScenarioScore score = ResilienceScore.of(s);

        assertThat(score.probes()).extracting(Probe::name).containsExactly("SLOs");
        assertThat(score.score()).isCloseTo(25, within(1e-9));
    }

    @Test
    void theRunTakesTheWorstCorrectnessAndTheMeanAvailabilityAndLeavesSkippedOut() {
        RunResults run = ResultsJson.run("2026-11-25T00:00:00Z", flawless(),
                scenario("half").quorumFlips(1000).metric("withoutQuorumMs", 0).metric("writeAvailability", 0.0)
                        .check("no acknowledged write lost", "durability", "fail", "lost", LOST).status("failed"),
                scenario("skipped").status("skipped"));

        RunScore score = ResilienceScore.of(run);

        assertThat(score.scenarios()).hasSize(2);
        assertThat(score.correctness()).isEqualTo(Correctness.VIOLATED);
        double meanA = (1.0 + (3 * 1 + 2 * 0.0) / 5) / 2;
        assertThat(score.availability()).isCloseTo(meanA, within(1e-9));
        assertThat(score.score()).isCloseTo(100 * 0.2 * (0.25 + 0.75 * meanA), within(1e-9));
    }

    @Test
    void aRunWhereNothingRanHasNoScore() {
        assertThat(ResilienceScore.of(ResultsJson.run("2026-11-25T00:00:00Z", scenario("s").status("skipped"))).score())
                .isNull();
    }

    @Test
    void inTheRealSampleTheScenarioThatLostWritesScoresLowest() throws Exception {
        RunResults sample = RunResults.read(Path.of(getClass().getResource("/dev/quorumchaos/report/mixed-results.json").toURI()));

        ScenarioResult lowest = sample.scenarios().stream()
                .min(Comparator.comparingDouble(s -> ResilienceScore.of(s).score())).orElseThrow();

        assertThat(lowest.name()).contains("loses acknowledged writes");
        assertThat(ResilienceScore.of(sample).score()).isLessThanOrEqualTo(20);
        assertThat(sample.scenarios().stream().filter(ScenarioResult::passed).mapToDouble(s -> ResilienceScore.of(s).score()))
                .allMatch(s -> s >= 90);
    }

    private static Probe slo(ScenarioScore score) {
        return score.probes().stream().filter(p -> p.name().equals("SLOs")).findFirst().orElseThrow();
    }

    @Test
    void whenTwoCorrectnessChecksFailTheFirstIsTheOneNamed() {
        ScenarioScore score = ResilienceScore.of(scenario("two").status("failed")
                .check("no acknowledged write lost", "durability", "fail", "3 lost", LOST)
                .check("linearizable writes", "linearizability", "fail", "1 key not linearizable", Map.of()).read());

        assertThat(score.why()).isEqualTo("no acknowledged write lost: 3 lost");
    }

    @Test
    void anUnknownThenAFailedCorrectnessCheckNamesTheFailure() {
        ScenarioScore score = ResilienceScore.of(scenario("worse later").status("failed")
                .check("linearizable writes", "linearizability", "unknown", "too hard", Map.of())
                .check("no acknowledged write lost", "durability", "fail", "3 lost", LOST).read());

        assertThat(score.correctness()).isEqualTo(Correctness.VIOLATED);
        assertThat(score.why()).isEqualTo("no acknowledged write lost: 3 lost");
    }

    @Test
    void quorumFromTheFirstInstantIsAQuorumNotNoneAtAll() {
        ScenarioScore score = ResilienceScore.of(scenario("quorum at once").durationMs(10_000).quorumFlips(0).read());

        assertThat(score.probes()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("quorum");
            assertThat(p.success()).isEqualTo(1.0);
        });
    }

    @Test
    void anEnsembleThatNeverHadQuorumScoresNothingOnTheQuorumProbe() {
        ScenarioScore score = ResilienceScore.of(scenario("no quorum").durationMs(10_000).quorumFlips().read());

        assertThat(score.probes()).singleElement().satisfies(p -> {
            assertThat(p.success()).isZero();
            assertThat(p.detail()).isEqualTo("never had a quorum");
        });
    }

    @Test
    void withoutTheMetricTheTimeWithoutQuorumIsSummedFromTheOutages() {
        ScenarioScore score = ResilienceScore.of(scenario("outages").durationMs(60_000)
                .quorumFlips(1000, 5000, 10_000, 20_000, 26_000).read());

        // 5 s and 6 s without quorum after the first quorum; the boot second does not count
        assertThat(score.probes().get(0).success()).isCloseTo(Math.pow(0.5, 1.1), within(1e-9));
    }

    @Test
    void eachProbeSaysWhatItMeasured() {
        ScenarioScore score = ResilienceScore.of(scenario("details").budget(1).quorumFlips(1000)
                .metric("withoutQuorumMs", 0).metric("writeAvailability", 0.5).metric("maxUnavailableMembers", 2)
                .check("quorum within 30 s", "quorum", "pass", "ok", Map.of()).read());

        assertThat(score.probes()).extracting(Probe::detail).containsExactly("0 ms without quorum", "50.0% of writes ok",
                "2 unavailable at once, budget 1", "1 of 1 kept");
    }

    @Test
    void theBudgetAndTheWorstAreTakenFromTheBudgetChecksEvidenceWhenTheScenarioDoesNotSay() {
        ScenarioScore score = ResilienceScore.of(scenario("evidence only").quorumFlips(1000)
                .check("disruption budget of 2", "budget", "fail", "3 > 2", Map.of("budget", 2, "maxUnavailable", 3)).read());

        Probe budget = score.probes().stream().filter(p -> p.name().equals("budget")).findFirst().orElseThrow();
        assertThat(budget.success()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(budget.detail()).isEqualTo("3 unavailable at once, budget 2");
    }

    @Test
    void aBudgetKeptExactlyIsFullMarks() {
        ScenarioScore score = ResilienceScore.of(scenario("at the budget").budget(1).quorumFlips(1000)
                .metric("maxUnavailableMembers", 1).read());

        assertThat(score.probes()).filteredOn(p -> p.name().equals("budget")).singleElement()
                .satisfies(p -> assertThat(p.success()).isEqualTo(1.0));
    }

    @Test
    void scoresAreRoundedToWholePoints() {
        ScenarioScore score = ResilienceScore.of(scenario("slow election").durationMs(60_000)
                .quorumFlips(1000, 5000, 15_000).metric("withoutQuorumMs", 10_000).read());
        RunScore run = ResilienceScore.of(ResultsJson.run("2026-11-25T00:00:00Z", scenario("slow election")
                .durationMs(60_000).quorumFlips(1000, 5000, 15_000).metric("withoutQuorumMs", 10_000)));

        assertThat(score.rounded()).isEqualTo(63);
        assertThat(run.rounded()).isEqualTo(63L);
        assertThat(Correctness.VIOLATED.label()).isEqualTo("violated");
    }

}
