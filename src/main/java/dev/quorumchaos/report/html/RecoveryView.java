package dev.quorumchaos.report.html;

import dev.quorumchaos.check.FaultRecovery;
import dev.quorumchaos.report.ReadableTime;
import dev.quorumchaos.report.results.FaultWindow;
import dev.quorumchaos.report.results.Metrics;
import dev.quorumchaos.report.results.ScenarioResult;
import dev.quorumchaos.report.results.Timeline;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static dev.quorumchaos.report.html.Html.text;

/**
 * The recovery figures of a scenario: time without quorum, the worst time-to-quorum, write
 * availability, the most members unavailable at once against the budget; then time-to-quorum
 * after each fault.
 */
final class RecoveryView {

    private RecoveryView() {
    }

    static long withoutQuorumMs(ScenarioResult s) {
        return s.metrics().withoutQuorumMs() != null ? s.metrics().withoutQuorumMs()
                : s.timeline().outages().stream().mapToLong(Timeline.QuorumInterval::durationMs).sum();
    }

    static void figures(ScenarioResult s, List<FaultRecovery> recoveries, StringBuilder out) {
        Metrics m = s.metrics();
        // an outage in a passing scenario is expected (a leader was killed): amber, not red
        String trouble = s.failed() ? "bad" : "warn";
        out.append("<div class=\"figures\">");
        if (!s.timeline().quorum().isEmpty()) {
            long without = withoutQuorumMs(s);
            int outages = s.timeline().outages().size();
            figure(out, without > 0 ? trouble : "", "without quorum", ReadableTime.of(without),
                    s.timeline().firstQuorumMs() < 0 ? "never had a quorum"
                            : outages == 0 ? "quorum kept after boot" : outages + " outage(s) after boot");
        }
        recoveries.stream().max((a, b) -> Long.compare(a.timeToQuorumMs(), b.timeToQuorumMs())).ifPresent(worst ->
                figure(out, !worst.kept() && !worst.regained() ? "bad" : worst.timeToQuorumMs() > 0 ? trouble : "",
                        "worst time to quorum",
                        (worst.kept() || worst.regained() ? "" : "≥ ") + ReadableTime.of(worst.timeToQuorumMs()),
                        (worst.regained() || worst.kept() ? "after " : "not back after ") + worst.description()));
        if (m.writeAvailability() != null) {
            figure(out, m.writeAvailability() < 0.95 ? trouble : "", "write availability",
                    String.format(Locale.ROOT, "%.1f%%", 100 * m.writeAvailability()),
                    n(m.opsOk()) + " ok · " + n(m.opsFailed()) + " fail · " + n(m.opsIndeterminate()) + " info");
        }
        if (m.maxUnavailableMembers() != null) {
            Integer budget = s.budget();
            boolean exceeded = budget != null && m.maxUnavailableMembers() > budget;
            figure(out, exceeded ? "bad" : "", "most unavailable at once", m.maxUnavailableMembers() + " of " + s.members(),
                    budget == null ? "no disruption budget set"
                            : "budget " + budget + (exceeded ? ": exceeded" : ": kept"));
        }
        if (m.lostWrites() != null) {
            figure(out, m.lostWrites() > 0 ? "bad" : "", "acknowledged writes lost", String.valueOf(m.lostWrites()),
                    m.lostWrites() > 0 ? "durability violated" : "every acknowledged write kept");
        }
        if (m.bootToQuorumMs() != null) {
            figure(out, "", "boot to quorum", ReadableTime.of(m.bootToQuorumMs()), "first quorum after deploy");
        }
        out.append("</div>\n");
    }

    private static String n(Long v) {
        return v == null ? "0" : v.toString();
    }

    private static void figure(StringBuilder out, String severity, String label, String value, String sub) {
        out.append("<div class=\"figure").append(severity.isEmpty() ? "" : " " + severity).append("\"><span>").append(text(label))
                .append("</span><b>").append(text(value)).append("</b><span>").append(text(sub)).append("</span></div>");
    }

    /** Above this many faults, those that kept quorum fold into one line. */
    private static final int ALL_FAULTS_UP_TO = 12;

    static void perFault(ScenarioResult s, StringBuilder out) {
        List<FaultRecovery> recoveries = s.recoveries();
        if (recoveries.isEmpty()) {
            return;
        }
        List<FaultRecovery> shown = recoveries.size() <= ALL_FAULTS_UP_TO ? recoveries
                : recoveries.stream().filter(r -> !r.kept()).toList();
        int folded = recoveries.size() - shown.size();
        out.append("<table class=\"recovery\"><tr><th>fault</th><th>members</th><th class=\"num\">applied</th>")
                .append("<th class=\"num\">recovered</th><th class=\"num\">quorum lost</th><th class=\"num\">quorum back</th>")
                .append("<th class=\"num\">time to quorum</th></tr>");
        for (FaultRecovery r : shown) {
            Long recoveredAt = s.fault(r).map(FaultWindow::recoveredAtMs).orElse(null);
            out.append("<tr><td>").append(text(r.description())).append("</td><td>")
                    .append(text(r.members().stream().map(String::valueOf).collect(Collectors.joining(", "))))
                    .append("</td><td class=\"num\">").append(text(ReadableTime.of(r.appliedAtMs())))
                    .append("</td><td class=\"num\">")
                    .append(recoveredAt != null ? text(ReadableTime.of(recoveredAt)) : "<span class=\"bad\">not recovered</span>")
                    .append("</td><td class=\"num\">");
            if (r.kept()) {
                out.append("<span class=\"good\">kept</span></td><td class=\"num\">—</td><td class=\"num good\">0 ms</td>");
            } else {
                out.append(text(ReadableTime.of(r.lostAtMs()))).append(r.lostBeforeFault() ? " <span class=\"muted\">(before this fault)</span>" : "")
                        .append("</td><td class=\"num\">")
                        .append(r.regained() ? text(ReadableTime.of(r.regainedAtMs())) : "<span class=\"bad\">not back</span>")
                        .append("</td><td class=\"num").append(r.regained() ? "\">" : " bad\">≥ ")
                        .append(text(ReadableTime.of(r.timeToQuorumMs()))).append("</td>");
            }
            out.append("</tr>");
        }
        if (folded > 0) {
            out.append("<tr><td colspan=\"7\" class=\"muted\">").append(folded).append(" other fault")
                    .append(folded == 1 ? "" : "s").append(" of ").append(recoveries.size())
                    .append(": quorum kept (time to quorum 0 ms)</td></tr>");
        }
        out.append("</table>\n");
    }
}
