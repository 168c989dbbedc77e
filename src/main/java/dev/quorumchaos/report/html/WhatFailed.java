package dev.quorumchaos.report.html;

import dev.quorumchaos.report.ReadableTime;
import dev.quorumchaos.report.results.CheckResult;
import dev.quorumchaos.report.results.FaultWindow;
import dev.quorumchaos.report.results.ScenarioResult;
import dev.quorumchaos.report.results.Timeline;
import dev.quorumchaos.report.score.CheckKind;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A failed scenario in one line: the check (or step) that failed, what it said, and the moment
 * on the scenario's clock it points at, taken from the evidence.
 *
 * @param atMs null when neither the evidence nor the timeline names a moment
 */
record WhatFailed(String what, String summary, Long atMs, String moment) {

    /** Evidence keys naming the moment a failure happened, most telling first. */
    private static final List<Map.Entry<String, String>> MOMENTS = List.of(
            Map.entry("firstExceededAtMs", "budget first exceeded"),
            Map.entry("quorumLostAtMs", "quorum lost"),
            Map.entry("firstLostWrittenAtMs", "first lost write written"),
            Map.entry("maxUnavailableAtMs", "most members unavailable"),
            Map.entry("measuredFromMs", "fault applied"));

    /** How long after the last fault applied before the moment: {@code , 13 ms after kill leader (member 2)}. */
    String sinceFault(ScenarioResult scenario) {
        if (atMs == null) {
            return "";
        }
        return scenario.faults().stream().filter(f -> f.appliedAtMs() != null && f.appliedAtMs() <= atMs)
                .max(Comparator.comparingLong(FaultWindow::appliedAtMs))
                .map(f -> ", " + ReadableTime.of(atMs - f.appliedAtMs()) + " after " + f.description())
                .orElse(scenario.faults().isEmpty() ? "" : ", before any fault");
    }

    /** A lost write says more than a slow election: correctness failures lead, unknowns come last. */
    private static int rank(CheckResult c) {
        return c.unknown() ? 2 : CheckKind.of(c) == CheckKind.CORRECTNESS ? 0 : 1;
    }

    static WhatFailed of(ScenarioResult scenario) {
        CheckResult check = scenario.checks().stream().filter(c -> !c.passed()).min(Comparator.comparingInt(WhatFailed::rank))
                .orElse(null);
        if (check == null) {
            String step = scenario.failedStep() == null ? "the scenario" : scenario.failedStep();
            Timeline.QuorumInterval outage = scenario.timeline().outages().stream().findFirst().orElse(null);
            return new WhatFailed(step, scenario.error() == null ? "" : scenario.error(),
                    outage == null ? null : outage.fromMs(), outage == null ? null : "quorum lost");
        }
        for (Map.Entry<String, String> m : MOMENTS) {
            Long at = check.evidenceMillis(m.getKey());
            if (at != null) {
                return new WhatFailed(check.name(), check.summary(), at, m.getValue());
            }
        }
        if (check.evidence().get("outages") instanceof List<?> outages && !outages.isEmpty()
                && outages.get(0) instanceof Map<?, ?> first && first.get("fromMs") instanceof Number from) {
            return new WhatFailed(check.name(), check.summary(), from.longValue(), "quorum lost");
        }
        return new WhatFailed(check.name(), check.summary(), null, null);
    }
}
