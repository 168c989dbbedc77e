package dev.quorumchaos.report.html;

import dev.quorumchaos.report.ReadableTime;
import dev.quorumchaos.report.trend.HistoryEntry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import static dev.quorumchaos.report.html.Html.num;
import static dev.quorumchaos.report.html.Html.text;

/** The trend over the last runs: sparklines of score, worst time-to-quorum and failures, and a table. */
final class TrendView {

    private static final int TABLE_ROWS = 10;
    private static final double W = 300;
    private static final double H = 64;

    private TrendView() {
    }

    /** @param runs oldest first, this run last */
    static void render(List<HistoryEntry> runs, StringBuilder out) {
        out.append("<section class=\"panel trend\"><h3>Trend over the last ").append(runs.size()).append(" run")
                .append(runs.size() == 1 ? "" : "s").append("</h3>\n");
        if (runs.size() < 2) {
            out.append("<p class=\"muted\">This is the first run in the history; the trend grows with each run.</p>");
        } else {
            out.append("<div class=\"spark\">");
            spark(out, "resilience score", runs, HistoryEntry::score, 100.0, v -> Long.toString(Math.round(v)));
            spark(out, "worst time to quorum", runs, e -> e.worstTimeToQuorumMs() == null ? null
                    : e.worstTimeToQuorumMs().doubleValue(), null, v -> ReadableTime.of(Math.round(v)));
            spark(out, "failed scenarios", runs, e -> (double) e.failed(), null, v -> Long.toString(Math.round(v)));
            out.append("</div>\n");
        }
        out.append("<table><tr><th>run started</th><th class=\"num\">score</th><th class=\"num\">passed</th>")
                .append("<th class=\"num\">failed</th><th class=\"num\">worst time to quorum</th>")
                .append("<th class=\"num\">without quorum</th><th class=\"num\">writes lost</th><th>failed scenarios</th></tr>");
        List<HistoryEntry> newestFirst = new ArrayList<>(runs);
        Collections.reverse(newestFirst);
        for (HistoryEntry e : newestFirst.subList(0, Math.min(TABLE_ROWS, newestFirst.size()))) {
            out.append("<tr").append(e.failed() > 0 ? " class=\"failed\"" : "").append("><td>")
                    .append(text(e.at() == null ? "?" : EvidenceView.wallClock(e.at()))).append("</td><td class=\"num\">")
                    .append(e.score() == null ? "—" : "<span class=\"chip-score " + ScoreView.cssClass(e.score()) + "\">"
                            + Math.round(e.score()) + "</span>")
                    .append("</td><td class=\"num\">").append(e.passed()).append("</td><td class=\"num")
                    .append(e.failed() > 0 ? " bad" : "").append("\">").append(e.failed()).append("</td><td class=\"num\">")
                    .append(e.worstTimeToQuorumMs() == null ? "—" : text(ReadableTime.of(e.worstTimeToQuorumMs())))
                    .append("</td><td class=\"num\">").append(text(ReadableTime.of(e.withoutQuorumMs())))
                    .append("</td><td class=\"num").append(e.lostWrites() > 0 ? " bad" : "").append("\">")
                    .append(e.lostWrites()).append("</td><td>").append(text(String.join("; ", e.failedScenarios())))
                    .append("</td></tr>");
        }
        out.append("</table></section>\n");
    }

    private static void spark(StringBuilder out, String label, List<HistoryEntry> runs,
                              Function<HistoryEntry, Double> value, Double fixedMax, Function<Double, String> format) {
        double max = fixedMax != null ? fixedMax : runs.stream().map(value).filter(v -> v != null)
                .mapToDouble(Double::doubleValue).max().orElse(1);
        max = Math.max(max, 1e-9);
        double left = 6;
        double right = W - 56;
        double step = (right - left) / Math.max(1, runs.size() - 1);
        StringBuilder points = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        Double last = null;
        double lastX = 0;
        double lastY = 0;
        for (int i = 0; i < runs.size(); i++) {
            Double v = value.apply(runs.get(i));
            if (v == null) {
                continue;
            }
            double x = left + i * step;
            double y = H - 8 - (H - 16) * v / max;
            points.append(num(x)).append(',').append(num(y)).append(' ');
            dots.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y)).append("\" r=\"2.2\"><title>")
                    .append(text(label + " " + format.apply(v) + " · " + EvidenceView.wallClock(String.valueOf(runs.get(i).at()))))
                    .append("</title></circle>");
            last = v;
            lastX = x;
            lastY = y;
        }
        out.append("<figure><svg class=\"sparkline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(num(W))
                .append("\" height=\"").append(num(H)).append("\" viewBox=\"0 0 ").append(num(W)).append(' ').append(num(H))
                .append("\" role=\"img\" aria-label=\"").append(text(label)).append(" over the last runs\">")
                .append("<line x1=\"").append(num(left)).append("\" x2=\"").append(num(right)).append("\" y1=\"")
                .append(num(H - 8)).append("\" y2=\"").append(num(H - 8)).append("\" stroke=\"#dadce0\"/>")
                .append("<polyline fill=\"none\" stroke=\"#1a56c4\" stroke-width=\"1.8\" points=\"").append(points)
                .append("\"/><g fill=\"#1a56c4\">").append(dots).append("</g>");
        if (last != null) {
            out.append("<circle cx=\"").append(num(lastX)).append("\" cy=\"").append(num(lastY))
                    .append("\" r=\"4\" fill=\"#d93025\"/><text x=\"").append(num(right + 8)).append("\" y=\"")
                    .append(num(Math.max(12, Math.min(H - 4, lastY + 4)))).append("\" font-size=\"13\" font-weight=\"700\">")
                    .append(text(format.apply(last))).append("</text>");
        }
        out.append("</svg><figcaption>").append(text(label)).append(" (last run in red)</figcaption></figure>");
    }
}
