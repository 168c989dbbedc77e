package dev.quorumchaos.report.trend;

import dev.quorumchaos.report.results.RunResults;
import dev.quorumchaos.report.results.ScenarioResult;
import dev.quorumchaos.report.score.RunScore;

import java.util.List;

/**
 * One run as the history keeps it: one JSON line, enough to draw the trend without the run's
 * own reports, which the next run replaces.
 *
 * @param at                  when the run started (wall clock); the same run recorded twice keeps one line
 * @param score               the run's resilience score, null when no scenario ran
 * @param worstTimeToQuorumMs the longest time-to-quorum after any fault of the run
 * @param withoutQuorumMs     time without quorum, summed over the run's scenarios
 * @param failedScenarios     the names of the first failed scenarios
 */
public record HistoryEntry(String at, String target, Double score, int passed, int failed, int skipped,
                           Long worstTimeToQuorumMs, long withoutQuorumMs, long lostWrites,
                           List<String> failedScenarios) {

    static final int NAMES_KEPT = 10;

    public HistoryEntry {
        failedScenarios = failedScenarios == null ? List.of() : List.copyOf(failedScenarios);
    }

    public static HistoryEntry of(RunResults results, RunScore score) {
        Long worst = null;
        long without = 0;
        long lost = 0;
        for (ScenarioResult s : results.ran()) {
            Long scenarioWorst = s.worstTimeToQuorumMs().orElse(null);
            if (scenarioWorst != null) {
                worst = worst == null ? scenarioWorst : Math.max(worst, scenarioWorst);
            }
            if (s.metrics().withoutQuorumMs() != null) {
                without += s.metrics().withoutQuorumMs();
            }
            if (s.metrics().lostWrites() != null) {
                lost += s.metrics().lostWrites();
            }
        }
        Double rounded = score.score() == null ? null : Math.round(score.score() * 10) / 10.0;
        List<String> failed = results.scenarios().stream().filter(ScenarioResult::failed)
                .map(ScenarioResult::name).limit(NAMES_KEPT).toList();
        return new HistoryEntry(results.run().startedAt(), results.run().target(), rounded, results.run().passed(),
                results.run().failed(), results.run().skipped(), worst, without, lost, failed);
    }
}
