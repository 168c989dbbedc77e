package dev.quorumchaos.report.html;

import dev.quorumchaos.check.BudgetEvidence;
import dev.quorumchaos.check.DurabilityEvidence;
import dev.quorumchaos.report.ReadableTime;
import dev.quorumchaos.report.results.CheckResult;
import dev.quorumchaos.report.results.FaultWindow;
import dev.quorumchaos.report.results.ScenarioResult;
import dev.quorumchaos.report.results.Timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.quorumchaos.report.html.Html.num;
import static dev.quorumchaos.report.html.Html.text;

/**
 * One scenario's timeline as inline SVG: fault windows on top (bars with labels, shading down
 * through the lanes), then one lane per member coloured by its reported role, a quorum lane,
 * and the client's completions per second; vertical marks where quorum was lost and came back,
 * where the disruption budget was first exceeded, and where the first lost write was written.
 */
final class TimelineSvg {

    static final double WIDTH = 1160;
    private static final double PLOT_X = 132;
    private static final double RIGHT = 16;
    private static final int LANE = 20;
    private static final int BAR = 15;
    private static final int FAULT_ROW = 18;
    private static final int MARK_ROW = 15;
    private static final int AXIS = 16;
    private static final int OPS = 46;
    private static final int MAX_FAULT_ROWS = 5;
    private static final int MAX_MARK_ROWS = 3;

    private enum MarkKind { LOST, BACK, BUDGET, LOST_WRITE }

    private record Mark(long ms, MarkKind kind, String label) {
    }

    private record PlacedFault(FaultWindow fault, double x0, double x1, int row, boolean labelled) {
    }

    private record PlacedMark(Mark mark, double x, int row, boolean anchorEnd) {
    }

    private final ScenarioResult scenario;
    private final TimeAxis axis;

    private TimelineSvg(ScenarioResult scenario) {
        this.scenario = scenario;
        this.axis = new TimeAxis(scenario.endMs(), PLOT_X, WIDTH - PLOT_X - RIGHT);
    }

    static void render(ScenarioResult scenario, StringBuilder out) {
        new TimelineSvg(scenario).render(out);
    }

    private void render(StringBuilder out) {
        List<Integer> members = members();
        List<PlacedFault> faults = placeFaults();
        int faultRows = Math.max(1, faults.stream().mapToInt(f -> f.row() + 1).max().orElse(1));
        List<PlacedMark> marks = placeMarks();
        int markRows = marks.stream().mapToInt(m -> m.row() + 1).max().orElse(0);

        double faultTop = 2;
        double markTop = faultTop + faultRows * FAULT_ROW + 2;
        double axisTop = markTop + markRows * MARK_ROW;
        double lanesTop = axisTop + AXIS;
        double quorumTop = lanesTop + members.size() * LANE;
        double opsTop = quorumTop + LANE + 4;
        double height = opsTop + OPS + 4;

        out.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(num(WIDTH)).append(' ').append(num(height)).append("\" role=\"img\" aria-label=\"")
                .append(text("Timeline of " + scenario.name())).append("\">\n");
        grid(out, axisTop, height - 4);
        faultShading(out, faults, faultTop, quorumTop + LANE);
        faultBars(out, faults, faultTop);
        for (int i = 0; i < members.size(); i++) {
            memberLane(out, members.get(i), lanesTop + i * LANE);
        }
        faultTargets(out, faults, members, lanesTop);
        bootVeil(out, lanesTop, quorumTop);
        opsLane(out, opsTop);
        marks(out, marks, markTop, height - 4);
        quorumLane(out, quorumTop); // over the marks' lines, so a short outage is never hidden under one
        out.append("</svg>\n");
    }

    private List<Integer> members() {
        TreeSet<Integer> ids = new TreeSet<>();
        for (int i = 0; i < scenario.members(); i++) {
            ids.add(i);
        }
        scenario.timeline().roles().forEach(r -> ids.add(r.member()));
        return new ArrayList<>(ids);
    }

    private List<PlacedFault> placeFaults() {
        LabelRows rows = new LabelRows(MAX_FAULT_ROWS);
        List<PlacedFault> placed = new ArrayList<>();
        List<FaultWindow> faults = scenario.faults().stream().filter(f -> f.appliedAtMs() != null)
                .sorted(Comparator.comparingLong(FaultWindow::appliedAtMs)).toList();
        for (int i = 0; i < faults.size(); i++) {
            FaultWindow f = faults.get(i);
            double x0 = axis.x(f.appliedAtMs());
            double x1 = Math.max(x0 + 2, axis.x(f.recovered() ? f.recoveredAtMs() : axis.endMs()));
            double labelEnd = x0 + 4 + LabelRows.width(faultLabel(f));
            boolean labelled = labelEnd <= axis.x1() + RIGHT;
            int row = labelled ? rows.place(x0, Math.max(x1, labelEnd)) : -1;
            if (row < 0) {
                labelled = false;
                row = rows.place(x0, x1);
            }
            placed.add(new PlacedFault(f, x0, x1, row < 0 ? i % MAX_FAULT_ROWS : row, labelled));
        }
        return placed;
    }

    private static String faultLabel(FaultWindow f) {
        return f.description() + (f.recovered() ? "" : " (not recovered)");
    }

    private List<Mark> marks() {
        List<Mark> marks = new ArrayList<>();
        List<Timeline.QuorumInterval> intervals = scenario.timeline().quorum();
        for (Timeline.QuorumInterval outage : scenario.timeline().outages()) {
            marks.add(new Mark(outage.fromMs(), MarkKind.LOST, "quorum lost"));
            boolean ongoing = scenario.timeline().endsWithoutQuorum() && outage.equals(intervals.get(intervals.size() - 1));
            if (!ongoing) {
                marks.add(new Mark(outage.toMs(), MarkKind.BACK, "back after " + ReadableTime.of(outage.durationMs())));
            }
        }
        for (CheckResult check : scenario.checks()) {
            if (check.evidence() instanceof BudgetEvidence b && b.firstExceededAtMs() != null) {
                marks.add(new Mark(b.firstExceededAtMs(), MarkKind.BUDGET, "budget exceeded: " + b.maxUnavailable()
                        + " > " + b.budget()));
            }
            if (check.evidence() instanceof DurabilityEvidence d && d.firstLostWrittenAtMs() != null) {
                marks.add(new Mark(d.firstLostWrittenAtMs(), MarkKind.LOST_WRITE, "first lost write"));
            }
        }
        marks.sort(Comparator.comparingLong(Mark::ms));
        return marks;
    }

    private List<PlacedMark> placeMarks() {
        LabelRows rows = new LabelRows(MAX_MARK_ROWS);
        List<PlacedMark> placed = new ArrayList<>();
        for (Mark m : marks()) {
            double x = axis.x(m.ms());
            double w = LabelRows.width(m.label()) + 6;
            boolean anchorEnd = x + w > axis.x1() + RIGHT;
            int row = anchorEnd ? rows.place(x - w, x) : rows.place(x, x + w);
            placed.add(new PlacedMark(m, x, row, anchorEnd));
        }
        return placed;
    }

    private void grid(StringBuilder out, double top, double bottom) {
        out.append("<g class=\"grid\">");
        for (long t : axis.ticks()) {
            double x = axis.x(t);
            out.append("<line x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"")
                    .append(num(top + AXIS - 3)).append("\" y2=\"").append(num(bottom)).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(num(x)).append("\" y=\"").append(num(top + 11))
                    .append("\">").append(text(axis.label(t))).append("</text>");
        }
        out.append("</g>\n");
    }

    private void faultShading(StringBuilder out, List<PlacedFault> faults, double top, double bottom) {
        for (PlacedFault f : faults) {
            out.append("<rect class=\"fault-shade\" x=\"").append(num(f.x0())).append("\" y=\"").append(num(top))
                    .append("\" width=\"").append(num(f.x1() - f.x0())).append("\" height=\"")
                    .append(num(bottom - top)).append("\"/>");
        }
        out.append('\n');
    }

    private void faultBars(StringBuilder out, List<PlacedFault> faults, double top) {
        out.append("<g class=\"faults\"><text class=\"lane-label\" x=\"").append(num(PLOT_X - 8)).append("\" y=\"")
                .append(num(top + 12)).append("\">faults</text>");
        if (faults.isEmpty()) {
            out.append("<text class=\"note\" x=\"").append(num(PLOT_X + 4)).append("\" y=\"").append(num(top + 12))
                    .append("\">no fault injected</text>");
        }
        for (PlacedFault f : faults) {
            FaultWindow w = f.fault();
            double y = top + f.row() * FAULT_ROW;
            out.append("<g class=\"fault").append(w.recovered() ? "" : " unrecovered").append("\"><title>")
                    .append(text(w.description() + " · applied " + ReadableTime.at(w.appliedAtMs())
                            + (w.recovered() ? " · recovered " + ReadableTime.at(w.recoveredAtMs())
                            + (w.recovery() == null ? "" : " (" + w.recovery() + ")") : " · not recovered")))
                    .append("</title><rect x=\"").append(num(f.x0())).append("\" y=\"").append(num(y))
                    .append("\" width=\"").append(num(f.x1() - f.x0())).append("\" height=\"").append(BAR)
                    .append("\"/>");
            if (f.labelled()) {
                out.append("<text x=\"").append(num(f.x0() + 4)).append("\" y=\"").append(num(y + 11.5)).append("\">")
                        .append(text(faultLabel(w))).append("</text>");
            }
            out.append("</g>");
        }
        out.append("</g>\n");
    }

    private void memberLane(StringBuilder out, int member, double y) {
        out.append("<g class=\"lane member\" data-member=\"").append(member).append("\"><text class=\"lane-label\" x=\"")
                .append(num(PLOT_X - 8)).append("\" y=\"").append(num(y + 12)).append("\">member ").append(member)
                .append("</text>");
        rect(out, LaneState.UNOBSERVED.cssClass(), axis.x0(), y, axis.x1() - axis.x0(), BAR, null);
        List<Timeline.RoleChange> changes = scenario.timeline().roles().stream().filter(r -> r.member() == member)
                .sorted(Comparator.comparingLong(Timeline.RoleChange::atMs)).toList();
        for (int i = 0; i < changes.size(); i++) {
            Timeline.RoleChange c = changes.get(i);
            long to = i + 1 < changes.size() ? changes.get(i + 1).atMs() : axis.endMs();
            double x0 = axis.x(c.atMs());
            double w = Math.max(0.6, axis.x(to) - x0);
            rect(out, LaneState.of(c.state()).cssClass(), x0, y, w, BAR, "member " + member + " " + c.state() + " "
                    + ReadableTime.of(c.atMs()) + " → " + ReadableTime.of(to) + " (" + ReadableTime.of(to - c.atMs()) + ")");
        }
        out.append("</g>\n");
    }

    private void faultTargets(StringBuilder out, List<PlacedFault> faults, List<Integer> members, double lanesTop) {
        for (PlacedFault f : faults) {
            for (int member : f.fault().members()) {
                int lane = members.indexOf(member);
                if (lane >= 0) {
                    out.append("<rect class=\"fault-target\" x=\"").append(num(f.x0())).append("\" y=\"")
                            .append(num(lanesTop + lane * LANE - 1.5)).append("\" width=\"").append(num(f.x1() - f.x0()))
                            .append("\" height=\"").append(BAR + 3).append("\"/>");
                }
            }
        }
        out.append('\n');
    }

    private void quorumLane(StringBuilder out, double y) {
        out.append("<g class=\"lane quorum\"><text class=\"lane-label\" x=\"").append(num(PLOT_X - 8)).append("\" y=\"")
                .append(num(y + 12)).append("\">quorum</text>");
        long first = scenario.timeline().firstQuorumMs();
        List<Timeline.QuorumInterval> intervals = scenario.timeline().quorum();
        if (intervals.isEmpty()) {
            out.append("<text class=\"note\" x=\"").append(num(PLOT_X + 4)).append("\" y=\"").append(num(y + 12))
                    .append("\">not observed</text>");
        }
        // quorum stretches first, outages over them at 4 px at least: a 1 s outage in 30 minutes stays visible
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < intervals.size(); i++) {
            if (intervals.get(i).quorum()) {
                order.add(i);
            }
        }
        for (int i = 0; i < intervals.size(); i++) {
            if (!intervals.get(i).quorum()) {
                order.add(i);
            }
        }
        for (int i : order) {
            Timeline.QuorumInterval q = intervals.get(i);
            boolean boot = !q.quorum() && (first < 0 || q.fromMs() < first);
            String css = q.quorum() ? "q-yes" : boot ? "q-boot" : "q-no";
            double x0 = axis.x(q.fromMs());
            double w = Math.max(q.quorum() || boot ? 0.8 : 4, axis.x(q.toMs()) - x0);
            String what = q.quorum() ? "quorum, leader member " + q.leader() : boot ? "no quorum yet (boot)" : "NO QUORUM";
            rect(out, css, x0, y, w, BAR, what + " " + ReadableTime.of(q.fromMs()) + " → " + ReadableTime.of(q.toMs())
                    + " (" + ReadableTime.of(q.durationMs()) + ")");
            String label = boot ? "boot" : q.quorum() ? null
                    : "no quorum " + ReadableTime.of(q.durationMs()) + (i == intervals.size() - 1 ? ", not back by the end" : "");
            if (label != null) {
                if (LabelRows.width(label) + 8 > w) {
                    label = boot ? null : ReadableTime.of(q.durationMs());
                }
                if (label != null && LabelRows.width(label) + 8 <= w) {
                    out.append("<text class=\"").append(boot ? "q-text-boot" : "q-text").append("\" x=\"")
                            .append(num(x0 + w / 2)).append("\" y=\"").append(num(y + 11.5)).append("\">")
                            .append(text(label)).append("</text>");
                }
            }
        }
        out.append("</g>\n");
    }

    /** Before the first quorum the ensemble is booting: drawn faded, so the eye goes to the faults. */
    private void bootVeil(StringBuilder out, double top, double bottom) {
        long first = scenario.timeline().firstQuorumMs();
        if (first > 0) {
            out.append("<rect class=\"boot-veil\" x=\"").append(num(axis.x0())).append("\" y=\"").append(num(top - 2))
                    .append("\" width=\"").append(num(axis.x(first) - axis.x0())).append("\" height=\"")
                    .append(num(bottom - top)).append("\"><title>booting: before the first quorum</title></rect>\n");
        }
    }

    private void opsLane(StringBuilder out, double y) {
        out.append("<g class=\"lane ops\"><text class=\"lane-label\" x=\"").append(num(PLOT_X - 8)).append("\" y=\"")
                .append(num(y + 14)).append("\">client ops/s</text>");
        List<Timeline.OpsSecond> seconds = scenario.timeline().opsSeconds();
        out.append("<line class=\"baseline\" x1=\"").append(num(axis.x0())).append("\" x2=\"").append(num(axis.x1()))
                .append("\" y1=\"").append(num(y + OPS - 6)).append("\" y2=\"").append(num(y + OPS - 6)).append("\"/>");
        if (seconds.stream().allMatch(s -> s.total() == 0)) {
            out.append("<text class=\"note\" x=\"").append(num(PLOT_X + 4)).append("\" y=\"").append(num(y + 14))
                    .append("\">no client operations</text></g>\n");
            return;
        }
        // a bar at least 2 px wide: for a 30-minute scenario, seconds are summed into buckets
        long bucket = Math.max(1, (long) Math.ceil(2 * axis.msPerPixel() / 1000));
        Map<Long, long[]> buckets = new TreeMap<>();
        for (Timeline.OpsSecond s : seconds) {
            long[] sum = buckets.computeIfAbsent(s.second() / bucket, b -> new long[3]);
            sum[0] += s.ok();
            sum[1] += s.fail();
            sum[2] += s.info();
        }
        double max = buckets.values().stream().mapToDouble(c -> (c[0] + c[1] + c[2]) / (double) bucket).max().orElse(1);
        double scale = (OPS - 10) / Math.max(1, max);
        double base = y + OPS - 6;
        for (Map.Entry<Long, long[]> e : buckets.entrySet()) {
            long from = e.getKey() * bucket * 1000;
            double x = axis.x(from);
            double w = Math.max(0.8, axis.x(from + bucket * 1000) - x - 0.3);
            long[] c = e.getValue();
            String title = ReadableTime.of(from) + (bucket > 1 ? " +" + bucket + " s" : "") + ": " + c[0] + " ok, "
                    + c[1] + " fail, " + c[2] + " info";
            out.append("<g><title>").append(text(title)).append("</title>");
            double top = base;
            String[] css = {"op-ok", "op-fail", "op-info"};
            for (int k = 0; k < 3; k++) {
                double h = c[k] / (double) bucket * scale;
                if (c[k] > 0) {
                    h = Math.max(1.5, h);
                    top -= h;
                    rect(out, css[k], x, top, w, h, null);
                }
            }
            out.append("</g>");
        }
        out.append("<text class=\"note\" x=\"").append(num(PLOT_X - 8)).append("\" y=\"").append(num(y + 28))
                .append("\" text-anchor=\"end\">").append(text("max " + Math.round(max) + "/s"
                        + (bucket > 1 ? ", " + bucket + " s bars" : ""))).append("</text>");
        out.append("</g>\n");
    }

    private void marks(StringBuilder out, List<PlacedMark> marks, double top, double bottom) {
        for (PlacedMark m : marks) {
            String css = "mark mark-" + m.mark().kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
            double labelY = top + Math.max(0, m.row()) * MARK_ROW + 11;
            out.append("<g class=\"").append(css).append("\"><title>").append(text(m.mark().label() + " "
                    + ReadableTime.at(m.mark().ms()))).append("</title><line x1=\"").append(num(m.x())).append("\" x2=\"")
                    .append(num(m.x())).append("\" y1=\"").append(num(m.row() < 0 ? top : labelY - 10)).append("\" y2=\"")
                    .append(num(bottom)).append("\"/>");
            if (m.row() >= 0) {
                out.append("<text x=\"").append(num(m.anchorEnd() ? m.x() - 3 : m.x() + 3)).append("\" y=\"")
                        .append(num(labelY)).append("\"").append(m.anchorEnd() ? " text-anchor=\"end\"" : "").append('>')
                        .append(text(m.mark().label())).append("</text>");
            }
            out.append("</g>");
        }
        out.append('\n');
    }

    private static void rect(StringBuilder out, String css, double x, double y, double w, double h, String title) {
        out.append("<rect class=\"").append(css).append("\" x=\"").append(num(x)).append("\" y=\"").append(num(y))
                .append("\" width=\"").append(num(w)).append("\" height=\"").append(num(h)).append('"');
        if (title == null) {
            out.append("/>");
        } else {
            out.append("><title>").append(text(title)).append("</title></rect>");
        }
    }
}
