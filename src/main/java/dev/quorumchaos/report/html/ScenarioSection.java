package dev.quorumchaos.report.html;

import dev.quorumchaos.report.ReadableTime;
import dev.quorumchaos.report.results.CheckResult;
import dev.quorumchaos.check.FaultRecovery;
import dev.quorumchaos.report.results.ScenarioResult;
import dev.quorumchaos.report.score.ScenarioScore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.quorumchaos.report.html.Html.text;

/** One scenario: verdict and why, recovery figures, the timeline, each check with its evidence, the score. */
final class ScenarioSection {

    private ScenarioSection() {
    }

    static String status(ScenarioResult s) {
        return s.passed() ? "pass" : s.skipped() ? "skipped" : "fail";
    }

    static void render(ScenarioResult s, ScenarioScore score, String anchor, StringBuilder out) {
        out.append("<section class=\"scenario ").append(s.passed() ? "passed" : s.skipped() ? "skipped" : "failed")
                .append("\" id=\"").append(anchor).append("\" data-status=\"").append(text(s.status())).append("\">\n<h2>")
                .append("<span class=\"badge ").append(status(s)).append("\">").append(status(s).toUpperCase(Locale.ROOT))
                .append("</span><span class=\"name\">").append(text(s.name())).append("</span>");
        if (!s.skipped()) {
            ScoreView.chip(score, out);
        }
        out.append("</h2>\n<div class=\"meta\">").append(text(meta(s)));
        if (s.history() != null) {
            // relative to index.html, which sits beside the scenario directories
            out.append(" · <a href=\"").append(text(s.history())).append("\">operations (history.edn)</a>");
        }
        out.append("</div>\n");
        why(s, out);
        if (s.skipped()) {
            out.append("</section>\n");
            return;
        }
        List<FaultRecovery> recoveries = s.recoveries();
        RecoveryView.figures(s, recoveries, out);
        if (s.members() > 0 || !s.timeline().roles().isEmpty()) {
            out.append("<figure class=\"timeline\">");
            TimelineSvg.render(s, out);
            legend(out);
            out.append("</figure>\n");
        }
        if (!recoveries.isEmpty()) {
            out.append("<h3>Time to quorum after each fault</h3>\n");
            RecoveryView.perFault(s, out);
        }
        out.append("<h3>Checks</h3>\n");
        if (s.checks().isEmpty()) {
            out.append("<p class=\"muted\">No check reached a verdict in this scenario.</p>\n");
        }
        List<CheckResult> checks = new ArrayList<>(s.checks());
        checks.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        for (CheckResult c : checks) {
            check(c, out);
        }
        out.append("<h3>Score</h3>\n");
        ScoreView.breakdown(score, out);
        out.append("</section>\n");
    }

    /** Failed checks first, then unknown, then passed: what needs reading comes first. */
    private static int rank(CheckResult c) {
        return c.failed() ? 0 : c.unknown() ? 1 : 2;
    }

    private static String meta(ScenarioResult s) {
        List<String> parts = new ArrayList<>();
        if (!s.location().isEmpty()) {
            parts.add(s.location());
        }
        if (s.members() > 0) {
            parts.add(s.members() + " members");
        }
        if (s.budget() != null) {
            parts.add("disruption budget " + s.budget());
        }
        if (s.durationMs() != null) {
            parts.add("ran " + ReadableTime.of(s.durationMs()));
        }
        if (s.startedAt() != null) {
            parts.add("started " + EvidenceView.wallClock(s.startedAt()));
        }
        if (s.target() != null) {
            parts.add("target " + s.target());
        }
        if (!s.tags().isEmpty()) {
            parts.add(String.join(" ", s.tags()));
        }
        return String.join(" · ", parts);
    }

    private static void why(ScenarioResult s, StringBuilder out) {
        if (s.skipped()) {
            out.append("<div class=\"why\">Skipped").append(s.skipReason() == null ? "" : ": " + text(s.skipReason()))
                    .append("</div>\n");
            return;
        }
        if (!s.failed()) {
            return;
        }
        WhatFailed what = WhatFailed.of(s);
        out.append("<div class=\"why\"><b>Failed");
        if (s.failedStep() != null) {
            out.append(" at step:</b> ").append(text(s.failedStep()));
        } else {
            out.append(":</b> ").append(text(what.what()));
        }
        if (what.atMs() != null) {
            out.append(" <span class=\"muted\">(").append(text(what.moment() + " " + ReadableTime.at(what.atMs())))
                    .append(")</span>");
        }
        if (s.error() != null) {
            out.append("<br><code>").append(text(s.error())).append("</code>");
        }
        out.append("</div>\n");
    }

    private static void check(CheckResult c, StringBuilder out) {
        String css = c.failed() ? "fail" : c.passed() ? "pass" : "unknown";
        out.append("<div class=\"check ").append(css).append("\"><span class=\"badge ").append(css).append("\">")
                .append(css.toUpperCase(Locale.ROOT)).append("</span> <b>").append(text(c.name()))
                .append("</b><div class=\"summary\">").append(text(c.summary())).append("</div>");
        EvidenceView.render(c.evidence(), out);
        out.append("</div>\n");
    }

    private static void legend(StringBuilder out) {
        out.append("<div class=\"legend\">");
        for (LaneState state : LaneState.values()) {
            if (state != LaneState.OTHER && state != LaneState.STANDALONE && state != LaneState.OBSERVER) {
                swatch(out, state.colour(), state.label());
            }
        }
        swatch(out, "#34a853", "quorum");
        swatch(out, "#d93025", "no quorum");
        swatch(out, "#dadce0", "boot");
        swatch(out, "#fde0c2", "fault window (target outlined)");
        line(out, "#d93025", "quorum lost");
        line(out, "#188038", "quorum back");
        line(out, "#c2185b", "budget exceeded");
        line(out, "#7b1fa2", "first lost write");
        swatch(out, "#34a853", "ops ok");
        swatch(out, "#d93025", "ops fail");
        swatch(out, "#f9ab00", "ops info (outcome unknown)");
        out.append("</div>");
    }

    private static void swatch(StringBuilder out, String colour, String label) {
        out.append("<span><i style=\"background:").append(colour).append("\"></i>").append(text(label)).append("</span>");
    }

    private static void line(StringBuilder out, String colour, String label) {
        out.append("<span><i class=\"line\" style=\"border-color:").append(colour).append("\"></i>").append(text(label))
                .append("</span>");
    }
}
