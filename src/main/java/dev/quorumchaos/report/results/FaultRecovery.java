package dev.quorumchaos.report.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How the quorum fared after one fault: when it was lost, when it was back, and the
 * time-to-quorum in between. Measured from the quorum intervals: an outage is the fault's when
 * it began after the fault and before the next one; a fault that lands while quorum is already
 * gone is measured to the end of that outage ({@code alreadyWithout}), not counted as 0.
 *
 * @param regainedAtMs   null when quorum was not back by the end of the scenario
 * @param timeToQuorumMs 0 when quorum was kept; up to the scenario's end when never regained
 */
public record FaultRecovery(FaultWindow fault, Long lostAtMs, Long regainedAtMs, long timeToQuorumMs,
                            boolean alreadyWithout) {

    public boolean kept() {
        return lostAtMs == null;
    }

    public boolean regained() {
        return regainedAtMs != null;
    }

    public static List<FaultRecovery> of(ScenarioResult scenario) {
        List<FaultWindow> applied = scenario.faults().stream().filter(f -> f.appliedAtMs() != null)
                .sorted(Comparator.comparingLong(FaultWindow::appliedAtMs)).toList();
        List<Timeline.QuorumInterval> intervals = scenario.timeline().quorum();
        if (intervals.isEmpty()) {
            return List.of();
        }
        Timeline.QuorumInterval last = intervals.get(intervals.size() - 1);
        long end = Math.max(scenario.endMs(), last.toMs());
        List<FaultRecovery> recoveries = new ArrayList<>();
        for (int i = 0; i < applied.size(); i++) {
            FaultWindow fault = applied.get(i);
            long at = fault.appliedAtMs();
            long next = nextApplied(applied, i);
            Timeline.QuorumInterval during = intervalAt(intervals, at);
            boolean alreadyWithout = during != null && !during.quorum();
            Timeline.QuorumInterval outage = alreadyWithout ? during : intervals.stream()
                    .filter(q -> !q.quorum() && q.fromMs() >= at && q.fromMs() < next).findFirst().orElse(null);
            if (outage == null) {
                recoveries.add(new FaultRecovery(fault, null, at, 0, false));
                continue;
            }
            boolean ongoing = outage == last;
            Long regained = ongoing ? null : outage.toMs();
            long ttq = (ongoing ? end : outage.toMs()) - at;
            recoveries.add(new FaultRecovery(fault, outage.fromMs(), regained, Math.max(0, ttq), alreadyWithout));
        }
        return recoveries;
    }

    private static long nextApplied(List<FaultWindow> applied, int i) {
        long at = applied.get(i).appliedAtMs();
        for (int j = i + 1; j < applied.size(); j++) {
            if (applied.get(j).appliedAtMs() > at) {
                return applied.get(j).appliedAtMs();
            }
        }
        return Long.MAX_VALUE;
    }

    private static Timeline.QuorumInterval intervalAt(List<Timeline.QuorumInterval> intervals, long at) {
        for (Timeline.QuorumInterval q : intervals) {
            if (q.fromMs() <= at && at < q.toMs()) {
                return q;
            }
        }
        return null;
    }
}
