package dev.quorumchaos.report.score;

import java.util.List;

/**
 * A scenario's score and how it came about.
 *
 * @param score        0 to 100
 * @param availability A, the weighted probe success, 0 to 1
 * @param probes       the probes A was computed from, for the report's breakdown
 * @param why          what decided correctness: the failing check's summary, or what was kept
 */
public record ScenarioScore(double score, Correctness correctness, double availability, List<Probe> probes,
                            String why) {

    public long rounded() {
        return Math.round(score);
    }
}
