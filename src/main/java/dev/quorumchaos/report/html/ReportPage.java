package dev.quorumchaos.report.html;

import dev.quorumchaos.report.results.RunResults;
import dev.quorumchaos.report.results.ScenarioResult;
import dev.quorumchaos.report.score.ResilienceScore;
import dev.quorumchaos.report.score.RunScore;
import dev.quorumchaos.report.trend.HistoryEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static dev.quorumchaos.report.html.Html.text;

/**
 * The whole {@code index.html}: one self-contained document, inline CSS and SVG, no script and
 * no fetch, so it opens from disk, from a CI artifact, or on paper. Failed scenarios come first.
 */
final class ReportPage {

    private ReportPage() {
    }

    static String render(RunResults results, RunScore score, List<HistoryEntry> trend) {
        List<ScoredScenario> scenarios = new ArrayList<>();
        for (int i = 0; i < results.scenarios().size(); i++) {
            ScenarioResult s = results.scenarios().get(i);
            scenarios.add(new ScoredScenario(s, ResilienceScore.of(s), "scenario-" + (i + 1)));
        }
        // failed first, then passed, then skipped; the file's order within each
        scenarios.sort(Comparator.comparingInt(s -> s.result().failed() ? 0 : s.result().passed() ? 1 : 2));

        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(text(title(results, scenarios))).append("</title><style>\n")
                .append(Styles.css()).append("</style></head><body><main>\n");
        SummaryView.render(results.run(), score, scenarios, out);
        if (!trend.isEmpty()) {
            TrendView.render(trend, out);
        }
        for (ScoredScenario s : scenarios) {
            ScenarioSection.render(s.result(), s.score(), s.anchor(), out);
        }
        ScoreView.formula(out);
        out.append("<footer>Times in scenario sections are on the scenario's own clock, from its start. Written by ")
                .append("quorum-chaos from results.json, which stays the machine-readable record (with junit.xml) for CI.")
                .append("</footer>\n</main></body></html>\n");
        return out.toString();
    }

    private static String title(RunResults results, List<ScoredScenario> scenarios) {
        long failed = scenarios.stream().filter(s -> s.result().failed()).count();
        return (failed > 0 ? "FAILED (" + failed + ")" : "passed") + " · quorum-chaos report"
                + (results.run().startedAt() == null ? "" : " · " + EvidenceView.wallClock(results.run().startedAt()));
    }
}
