package dev.quorumchaos.report.html;

import dev.quorumchaos.report.ReadableTime;
import dev.quorumchaos.report.results.RunSummary;
import dev.quorumchaos.report.results.ScenarioResult;
import dev.quorumchaos.report.score.RunScore;

import java.util.List;
import java.util.Locale;

import static dev.quorumchaos.report.html.Html.text;

/**
 * The top of the report, what a person reads first: did the run pass, its score, and each failed
 * scenario in one row (what failed, when, how long without quorum) linking to its section.
 */
final class SummaryView {

    private SummaryView() {
    }

    static void render(RunSummary run, RunScore score, List<ScoredScenario> scenarios, StringBuilder out) {
        long failed = scenarios.stream().filter(s -> s.result().failed()).count();
        long ran = scenarios.stream().filter(s -> !s.result().skipped()).count();
        boolean fail = failed > 0 || run.failedRun();
        out.append("<header class=\"run").append(fail ? " fail" : "").append("\"><div style=\"flex:1\">")
                .append("<h1>quorum-chaos · resilience report</h1><p class=\"verdict\">");
        if (fail) {
            out.append("RUN FAILED: ").append(failed).append(" of ").append(ran).append(" scenario")
                    .append(ran == 1 ? "" : "s").append(" failed");
        } else {
            out.append("RUN PASSED: ").append(ran == 1 ? "the scenario" : "all " + ran + " scenarios").append(" passed");
        }
        out.append("</p><div class=\"counts\"><span><b class=\"good\">").append(count(run.passed(), scenarios, "passed"))
                .append("</b> passed</span><span><b class=\"").append(failed > 0 ? "bad" : "").append("\">").append(failed)
                .append("</b> failed</span><span><b>").append(count(run.skipped(), scenarios, "skipped"))
                .append("</b> skipped</span></div><div class=\"meta\">").append(text(meta(run))).append("</div></div>");
        ScoreView.box(score, out);
        out.append("</header>\n");
        if (!run.inputErrors().isEmpty()) {
            out.append("<section class=\"panel why\"><b>Bad input</b><ul>");
            run.inputErrors().forEach(e -> out.append("<li>").append(text(e)).append("</li>"));
            out.append("</ul></section>\n");
        }
        failedTable(scenarios, out);
        passedTable(scenarios, out);
    }

    private static long count(int reported, List<ScoredScenario> scenarios, String status) {
        long seen = scenarios.stream().filter(s -> status.equals(s.result().status())).count();
        return Math.max(reported, seen);
    }

    private static String meta(RunSummary run) {
        StringBuilder m = new StringBuilder();
        if (run.target() != null) {
            m.append("target ").append(run.target()).append(" · ");
        }
        if (run.startedAt() != null) {
            m.append("started ").append(EvidenceView.wallClock(run.startedAt())).append(" · ");
        }
        if (run.durationMs() != null) {
            m.append("took ").append(ReadableTime.of(run.durationMs())).append(" · ");
        }
        if (run.seed() != null) {
            m.append("seed ").append(run.seed()).append(" · ");
        }
        return m.length() == 0 ? "" : m.substring(0, m.length() - 3);
    }

    private static void failedTable(List<ScoredScenario> scenarios, StringBuilder out) {
        List<ScoredScenario> failed = scenarios.stream().filter(s -> s.result().failed()).toList();
        if (failed.isEmpty()) {
            return;
        }
        out.append("<section class=\"panel\"><h3>What failed</h3><table class=\"failed-list\"><tr><th>scenario</th>")
                .append("<th>what failed</th><th class=\"num\">when</th><th class=\"num\">without quorum</th>")
                .append("<th class=\"num\">score</th></tr>");
        for (ScoredScenario s : failed) {
            WhatFailed what = WhatFailed.of(s.result());
            out.append("<tr class=\"failed\"><td><span class=\"badge fail\">FAIL</span> <a href=\"#").append(s.anchor())
                    .append("\">").append(text(s.result().name())).append("</a></td><td><b>").append(text(what.what()))
                    .append("</b><br>").append(text(what.summary()));
            long more = s.result().checks().stream().filter(c -> !c.passed()).count() - 1;
            if (more > 0) {
                out.append(" <span class=\"muted\">(and ").append(more).append(" more check")
                        .append(more == 1 ? "" : "s").append(" not passed)</span>");
            }
            out.append("</td><td class=\"num when\">");
            if (what.atMs() != null) {
                out.append(text(ReadableTime.of(what.atMs()))).append("<br><span class=\"muted\">")
                        .append(text(what.moment() + what.sinceFault(s.result()))).append("</span>");
            } else {
                out.append("—");
            }
            out.append("</td><td class=\"num\">").append(withoutQuorum(s.result(), true)).append("</td><td class=\"num\">");
            ScoreView.chip(s.score(), out);
            out.append("</td></tr>");
        }
        out.append("</table></section>\n");
    }

    private static void passedTable(List<ScoredScenario> scenarios, StringBuilder out) {
        List<ScoredScenario> others = scenarios.stream().filter(s -> !s.result().failed()).toList();
        if (others.isEmpty()) {
            return;
        }
        out.append("<section class=\"panel\"><h3>Passed and skipped</h3><table><tr><th>scenario</th>")
                .append("<th class=\"num\">without quorum</th><th class=\"num\">worst time to quorum</th>")
                .append("<th class=\"num\">write availability</th><th class=\"num\">score</th></tr>");
        for (ScoredScenario s : others) {
            ScenarioResult r = s.result();
            String status = ScenarioSection.status(r);
            out.append("<tr><td><span class=\"badge ").append(status).append("\">").append(status.toUpperCase(Locale.ROOT))
                    .append("</span> <a href=\"#").append(s.anchor()).append("\">").append(text(r.name()))
                    .append("</a></td><td class=\"num\">").append(r.skipped() ? "" : withoutQuorum(r, false))
                    .append("</td><td class=\"num\">").append(r.skipped() ? "" : worstTimeToQuorum(r))
                    .append("</td><td class=\"num\">").append(r.metrics().writeAvailability() == null ? "—"
                            : String.format(Locale.ROOT, "%.1f%%", 100 * r.metrics().writeAvailability()))
                    .append("</td><td class=\"num\">");
            if (!r.skipped()) {
                ScoreView.chip(s.score(), out);
            }
            out.append("</td></tr>");
        }
        out.append("</table></section>\n");
    }

    private static String withoutQuorum(ScenarioResult r, boolean highlight) {
        if (r.timeline().quorum().isEmpty()) {
            return "—";
        }
        long ms = RecoveryView.withoutQuorumMs(r);
        String notBack = r.timeline().endsWithoutQuorum() ? "<br><span class=\"bad\">not back by the end</span>" : "";
        return ms > 0 && highlight ? "<span class=\"bad\">" + text(ReadableTime.of(ms)) + "</span>" + notBack
                : ms > 0 ? text(ReadableTime.of(ms)) + notBack : "0";
    }

    private static String worstTimeToQuorum(ScenarioResult r) {
        return r.worstTimeToQuorumMs().map(ReadableTime::of).map(Html::text).orElse("—");
    }
}
