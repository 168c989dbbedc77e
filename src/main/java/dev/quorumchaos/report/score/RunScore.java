package dev.quorumchaos.report.score;

import java.util.List;

/**
 * The run's score: the same formula over every scenario that ran, with the worst correctness of
 * any of them and the mean of their availabilities.
 *
 * @param score null when no scenario ran
 */
public record RunScore(Double score, Correctness correctness, double availability, List<ScenarioScore> scenarios) {

    public Long rounded() {
        return score == null ? null : Math.round(score);
    }
}
