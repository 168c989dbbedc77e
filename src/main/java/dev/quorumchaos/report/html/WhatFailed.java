package dev.quorumchaos.report.html;

import dev.quorumchaos.check.BudgetEvidence;
import dev.quorumchaos.check.DurabilityEvidence;
import dev.quorumchaos.check.Evidence;
import dev.quorumchaos.check.QuorumEvidence;
import dev.quorumchaos.check.QuorumHeldEvidence;
import dev.quorumchaos.report.ReadableTime;
import dev.quorumchaos.report.results.CheckResult;
import dev.quorumchaos.report.results.FaultWindow;
import dev.quorumchaos.report.results.ScenarioResult;
import dev.quorumchaos.report.results.Timeline;

import java.util.Comparator;

/**
 * A failed scenario in one line: the check (or step) that failed, what it said, and the moment
 * on the scenario's clock it points at, taken from the evidence.
 *
 * @param atMs null when neither the evidence nor the timeline names a moment
 */
record WhatFailed(String what, String summary, Long atMs, String moment) {

    /** The moment a check's evidence points at, and what happened then. */
    private record Moment(long atMs, String what) {
    }

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
        return c.unknown() ? 2 : c.judgesCorrectness() ? 0 : 1;
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
        Moment moment = moment(check.evidence());
        return moment == null ? new WhatFailed(check.name(), check.summary(), null, null)
                : new WhatFailed(check.name(), check.summary(), moment.atMs(), moment.what());
    }

    /** The most telling moment the evidence names: the budget first exceeded, quorum lost, the first lost write. */
    private static Moment moment(Evidence evidence) {
        if (evidence instanceof BudgetEvidence b && b.firstExceededAtMs() != null) {
            return new Moment(b.firstExceededAtMs(), "budget first exceeded");
        }
        if (evidence instanceof QuorumEvidence q) {
            return q.quorumLostAtMs() != null ? new Moment(q.quorumLostAtMs(), "quorum lost")
                    : new Moment(q.measuredFromMs(), "fault applied");
        }
        if (evidence instanceof DurabilityEvidence d && d.firstLostWrittenAtMs() != null) {
            return new Moment(d.firstLostWrittenAtMs(), "first lost write written");
        }
        if (evidence instanceof BudgetEvidence b && b.maxUnavailableAtMs() != null) {
            return new Moment(b.maxUnavailableAtMs(), "most members unavailable");
        }
        if (evidence instanceof QuorumHeldEvidence h && h.outages() != null && !h.outages().isEmpty()) {
            return new Moment(h.outages().get(0).fromMs(), "quorum lost");
        }
        return null;
    }
}
