package dev.quorumchaos.report.html;

import dev.quorumchaos.report.results.ScenarioResult;
import dev.quorumchaos.report.score.ScenarioScore;

/** A scenario with its score and the anchor its section has in the page. */
record ScoredScenario(ScenarioResult result, ScenarioScore score, String anchor) {
}
