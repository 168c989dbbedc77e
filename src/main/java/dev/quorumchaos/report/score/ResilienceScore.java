package dev.quorumchaos.report.score;

import dev.quorumchaos.check.BudgetEvidence;
import dev.quorumchaos.check.PdbEvidence;
import dev.quorumchaos.report.ReadableTime;
import dev.quorumchaos.report.results.CheckResult;
import dev.quorumchaos.report.results.Metrics;
import dev.quorumchaos.report.results.RunResults;
import dev.quorumchaos.report.results.ScenarioResult;
import dev.quorumchaos.report.results.Timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The resilience score, 0 to 100, of a scenario and of a run:
 *
 * <pre>
 *   score = 100 × C × (¼ + ¾ × A)
 * </pre>
 *
 * <b>C, correctness</b>, comes first because a quorum service that loses an acknowledged write has
 * lied to its client, which no amount of uptime makes up for: 1 when every correctness check
 * (its evidence says it judges correctness: no acknowledged write lost, linearizability, session
 * order, a minority serving no writes) passed or none ran, 0.5 when one was UNKNOWN, 0.2
 * when one FAILED or a write was lost. So a scenario that lost a write scores at most 20 and
 * one that kept every write at least 25, whatever its availability.
 *
 * <p><b>A, availability</b>, is LitmusChaos's weighted probe success, Σ wᵢ·sᵢ / Σ wᵢ, over the
 * probes that apply to the scenario:
 * <ul>
 *   <li>quorum (w 3): s = ½ ^ (time without quorum / 10 s): every 10 s without quorum halves it;</li>
 *   <li>writes (w 2): s = write availability, ok writes / completed writes;</li>
 *   <li>budget (w 1): s = min(1, budget / most members unavailable at once);</li>
 *   <li>SLOs (w 2): krkn's SLOs kept out of total, (points − points lost) / points over the
 *       scenario's availability checks, a FAIL losing its point and an UNKNOWN half of it; a
 *       scenario that failed in a step with no failing check loses one more point.</li>
 * </ul>
 * With no probe at all (a scenario that failed before anything was measured) A is 1 if the
 * scenario passed, else 0. Unavailability can take at most three quarters of the score.
 *
 * <p><b>The run</b> uses the same formula with the worst C of its scenarios and the mean of their
 * A; skipped scenarios do not count. One lost write anywhere caps the run at 20.
 */
public final class ResilienceScore {

    public static final double QUORUM_WEIGHT = 3;
    public static final double WRITES_WEIGHT = 2;
    public static final double BUDGET_WEIGHT = 1;
    public static final double SLO_WEIGHT = 2;
    /** Every this many milliseconds without quorum halve the quorum probe. */
    public static final long QUORUM_HALF_LIFE_MS = 10_000;
    /** The share of the score that unavailability cannot take: only correctness can. */
    public static final double AVAILABILITY_FLOOR = 0.25;

    private ResilienceScore() {
    }

    public static ScenarioScore of(ScenarioResult scenario) {
        Correctness correctness = Correctness.NOT_CHECKED;
        String why = "no correctness check ran";
        for (CheckResult check : scenario.checks()) {
            if (!check.judgesCorrectness()) {
                continue;
            }
            Correctness c = check.failed() ? Correctness.VIOLATED : check.unknown() ? Correctness.UNKNOWN
                    : Correctness.KEPT;
            if (c.compareTo(correctness) > 0) {
                why = check.name() + ": " + check.summary();
            }
            correctness = correctness.worse(c);
        }
        Integer lost = scenario.metrics().lostWrites();
        if (lost != null && lost > 0 && correctness != Correctness.VIOLATED) {
            correctness = Correctness.VIOLATED;
            why = lost + " acknowledged write(s) lost";
        }
        List<Probe> probes = probes(scenario);
        double availability = probes.isEmpty() ? (scenario.passed() ? 1 : 0) : weighted(probes);
        return new ScenarioScore(score(correctness, availability), correctness, availability, probes, why);
    }

    public static RunScore of(RunResults results) {
        List<ScenarioScore> scores = results.ran().stream().map(ResilienceScore::of).toList();
        if (scores.isEmpty()) {
            return new RunScore(null, Correctness.NOT_CHECKED, 0, scores);
        }
        Correctness worst = Correctness.NOT_CHECKED;
        double sum = 0;
        for (ScenarioScore s : scores) {
            worst = worst.worse(s.correctness());
            sum += s.availability();
        }
        double availability = sum / scores.size();
        return new RunScore(score(worst, availability), worst, availability, scores);
    }

    static double score(Correctness correctness, double availability) {
        return 100 * correctness.factor() * (AVAILABILITY_FLOOR + (1 - AVAILABILITY_FLOOR) * availability);
    }

    private static double weighted(List<Probe> probes) {
        double weights = 0;
        double sum = 0;
        for (Probe p : probes) {
            weights += p.weight();
            sum += p.weight() * p.success();
        }
        return weights == 0 ? 0 : sum / weights;
    }

    private static List<Probe> probes(ScenarioResult scenario) {
        List<Probe> probes = new ArrayList<>();
        Metrics m = scenario.metrics();
        Timeline timeline = scenario.timeline();
        if (!timeline.quorum().isEmpty() && timeline.firstQuorumMs() < 0) {
            probes.add(new Probe("quorum", QUORUM_WEIGHT, 0, "never had a quorum"));
        } else if (m.withoutQuorumMs() != null || !timeline.quorum().isEmpty()) {
            long without = m.withoutQuorumMs() != null ? m.withoutQuorumMs()
                    : timeline.outages().stream().mapToLong(Timeline.QuorumInterval::durationMs).sum();
            probes.add(new Probe("quorum", QUORUM_WEIGHT, Math.pow(0.5, (double) without / QUORUM_HALF_LIFE_MS),
                    ReadableTime.of(without) + " without quorum"));
        }
        if (m.writeAvailability() != null) {
            probes.add(new Probe("writes", WRITES_WEIGHT, m.writeAvailability(),
                    String.format(Locale.ROOT, "%.1f%% of writes ok", 100 * m.writeAvailability())));
        }
        Integer budget = scenario.budget() != null ? scenario.budget() : checkedBudget(scenario);
        Integer worst = m.maxUnavailableMembers() != null ? m.maxUnavailableMembers() : mostUnavailableChecked(scenario);
        if (budget != null && worst != null) {
            double s = worst <= budget ? 1 : (double) budget / worst;
            probes.add(new Probe("budget", BUDGET_WEIGHT, s, worst + " unavailable at once, budget " + budget));
        }
        double points = 0;
        double lost = 0;
        boolean explained = false;
        for (CheckResult check : scenario.checks()) {
            explained |= !check.passed();
            if (!check.judgesCorrectness()) {
                points++;
                lost += check.failed() ? 1 : check.unknown() ? 0.5 : 0;
            }
        }
        if (scenario.failed() && !explained) {
            points++;
            lost++;
        }
        if (points > 0) {
            probes.add(new Probe("SLOs", SLO_WEIGHT, (points - lost) / points,
                    trim(points - lost) + " of " + trim(points) + " kept"));
        }
        return probes;
    }

    /** The budget a budget check judged against: a scenario's own, or its PodDisruptionBudget's. */
    private static Integer checkedBudget(ScenarioResult scenario) {
        for (CheckResult check : scenario.checks()) {
            if (check.evidence() instanceof BudgetEvidence b) {
                return b.budget();
            }
            if (check.evidence() instanceof PdbEvidence p) {
                return p.maxUnavailable();
            }
        }
        return null;
    }

    /** The most members a budget check saw unavailable at once. */
    private static Integer mostUnavailableChecked(ScenarioResult scenario) {
        for (CheckResult check : scenario.checks()) {
            if (check.evidence() instanceof BudgetEvidence b) {
                return b.maxUnavailable();
            }
            if (check.evidence() instanceof PdbEvidence p && p.mostUnavailableAtOnce() != null) {
                return p.mostUnavailableAtOnce();
            }
        }
        return null;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }
}
