package dev.quorumchaos.report.html;

import dev.quorumchaos.report.ReadableTime;
import dev.quorumchaos.report.score.Correctness;
import dev.quorumchaos.report.score.Probe;
import dev.quorumchaos.report.score.ResilienceScore;
import dev.quorumchaos.report.score.RunScore;
import dev.quorumchaos.report.score.ScenarioScore;

import java.util.Locale;

import static dev.quorumchaos.report.html.Html.text;

/** The score as a coloured number, its breakdown per scenario, and the formula written out. */
final class ScoreView {

    static final String FORMULA_ANCHOR = "score-formula";

    private ScoreView() {
    }

    static String cssClass(Double score) {
        return score == null ? "sc-none" : score >= 90 ? "sc-good" : score >= 60 ? "sc-fair" : "sc-poor";
    }

    static void chip(ScenarioScore score, StringBuilder out) {
        out.append("<a href=\"#").append(FORMULA_ANCHOR).append("\" class=\"chip-score ").append(cssClass(score.score()))
                .append("\" title=\"resilience score\">score ").append(score.rounded()).append("</a>");
    }

    static void box(RunScore score, StringBuilder out) {
        out.append("<div class=\"scorebox ").append(cssClass(score.score())).append("\"><small>resilience score</small><b>")
                .append(score.rounded() == null ? "—" : score.rounded()).append("</b><small>of 100 · <a style=\"color:#fff\" href=\"#")
                .append(FORMULA_ANCHOR).append("\">how</a></small></div>");
    }

    static void breakdown(ScenarioScore score, StringBuilder out) {
        out.append("<p><span class=\"formula\">").append(score.rounded()).append(" = 100 × ")
                .append(f2(score.correctness().factor())).append(" × (¼ + ¾ × ").append(f2(score.availability()))
                .append(")</span></p><p>Correctness C = ").append(f2(score.correctness().factor())).append(" (")
                .append(text(score.correctness().label())).append(": ").append(text(score.why()))
                .append(").<br>Availability A = ").append(f2(score.availability()));
        if (score.probes().isEmpty()) {
            out.append(": nothing was measured, so A is 1 if the scenario passed, else 0.</p>\n");
            return;
        }
        out.append(", weighted over:</p><table class=\"probes\"><tr><th>probe</th><th class=\"num\">weight</th>")
                .append("<th class=\"num\">success</th><th>measured</th></tr>");
        for (Probe p : score.probes()) {
            out.append("<tr><td>").append(text(p.name())).append("</td><td class=\"num\">").append(f2(p.weight()))
                    .append("</td><td class=\"num").append(p.success() < 0.5 ? " bad" : p.success() < 0.995 ? " fair" : "").append("\">")
                    .append(f2(p.success())).append("</td><td>").append(text(p.detail())).append("</td></tr>");
        }
        out.append("</table>\n");
    }

    static void formula(StringBuilder out) {
        out.append("<section class=\"panel\" id=\"").append(FORMULA_ANCHOR).append("\"><h3>How the resilience score is computed</h3>")
                .append("<p><span class=\"formula\">score = 100 × C × (¼ + ¾ × A)</span></p>")
                .append("<p><b>C, correctness</b>, comes first: a quorum service that loses an acknowledged write has ")
                .append("lied to its client, and no uptime makes up for that. C is ")
                .append(f2(Correctness.KEPT.factor())).append(" when every correctness check (no acknowledged write lost, ")
                .append("linearizability, session order, a minority serving no writes) passed or none ran, ").append(f2(Correctness.UNKNOWN.factor()))
                .append(" when one was UNKNOWN, and ").append(f2(Correctness.VIOLATED.factor()))
                .append(" when one FAILED. So a scenario that lost a write scores at most 20, and one that kept every ")
                .append("write at least 25.</p>")
                .append("<p><b>A, availability</b>, is the weighted probe success of LitmusChaos, Σ wᵢ·sᵢ / Σ wᵢ, ")
                .append("over the probes that apply:</p><ul>")
                .append("<li><b>quorum</b> (weight ").append(f2(ResilienceScore.QUORUM_WEIGHT))
                .append("): s = ½ ^ (time without quorum after boot / ")
                .append(text(ReadableTime.of(ResilienceScore.QUORUM_HALF_LIFE_MS)))
                .append(")&nbsp;— every ").append(text(ReadableTime.of(ResilienceScore.QUORUM_HALF_LIFE_MS)))
                .append(" without quorum halves it;</li>")
                .append("<li><b>writes</b> (weight ").append(f2(ResilienceScore.WRITES_WEIGHT))
                .append("): s = write availability, ok writes / completed writes;</li>")
                .append("<li><b>budget</b> (weight ").append(f2(ResilienceScore.BUDGET_WEIGHT))
                .append("): s = min(1, disruption budget / most members unavailable at once);</li>")
                .append("<li><b>SLOs</b> (weight ").append(f2(ResilienceScore.SLO_WEIGHT))
                .append("): krkn's SLOs kept out of total, (points − points lost) / points, over the scenario's ")
                .append("availability checks (quorum, budget): a FAIL loses its point, an UNKNOWN half; a scenario that ")
                .append("failed in a step without a failing check loses one more.</li></ul>")
                .append("<p>Unavailability can take at most three quarters of the score; only correctness takes more. ")
                .append("With nothing measured, A is 1 for a passed scenario and 0 for a failed one.</p>")
                .append("<p><b>The run's score</b> is the same formula with the worst C of its scenarios and the mean of ")
                .append("their A (skipped scenarios left out): one lost write anywhere caps the night at 20.</p></section>\n");
    }

    static String f2(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }
}
