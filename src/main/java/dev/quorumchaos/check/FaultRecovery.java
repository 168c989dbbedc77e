package dev.quorumchaos.check;

import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How the quorum fared after one fault: when it was lost, when it was back, and the
 * time-to-quorum. This is the one place the figure is computed; the quorum check carries it as
 * evidence, and {@code results.json}, the HTML report and the trend only render it.
 * <p>
 * What the figure means, overlapping faults included. A fault applied at time {@code a} owns the
 * window from {@code a} to the next fault applied after it (or to the end of the scenario).
 * <ul>
 *   <li>Quorum already gone at {@code a} (an outage an earlier fault caused, or the boot not yet
 *       done): time-to-quorum runs from {@code a} to the end of that outage, and {@code lostAtMs}
 *       is when it began, before the fault ({@code lostBeforeFault}).</li>
 *   <li>Otherwise, an outage that began within the window: time-to-quorum runs from {@code a} to
 *       the end of the first such outage.</li>
 *   <li>Otherwise quorum was kept: 0, even if an outage began later, after another fault.</li>
 * </ul>
 * So an outage is charged to the last fault applied before it began, and to each fault applied
 * while it lasted, each measured from its own moment. An outage not over when the scenario (or the
 * check) ended counts to that end, and {@code regainedAtMs} is null. Times are milliseconds since
 * the scenario began; {@code timeToQuorumMs} is {@code regainedAtMs - appliedAtMs} as printed.
 *
 * @param lostAtMs     when the outage measured began; null when quorum was kept
 * @param regainedAtMs when quorum served again; null when kept (nothing to regain) or never back
 */
public record FaultRecovery(String faultId, String kind, String description, List<Integer> members,
                            long appliedAtMs, Long lostAtMs, Long regainedAtMs, long timeToQuorumMs,
                            boolean lostBeforeFault) {

    public FaultRecovery {
        members = members == null ? List.of() : List.copyOf(members);
    }

    public boolean kept() {
        return lostAtMs == null;
    }

    /** Quorum served again after the outage; false when kept or never back. */
    public boolean regained() {
        return regainedAtMs != null;
    }

    /** Every fault of the history, in the order applied, measured up to {@code endNanos}. */
    public static List<FaultRecovery> of(History history, int members, long endNanos) {
        return of(QuorumTimeline.of(Math.max(members, 1), history, endNanos), history.faultEvents());
    }

    public static List<FaultRecovery> of(QuorumTimeline timeline, List<FaultEvent> events) {
        List<FaultEvent> applied = events.stream().filter(e -> e.phase() == FaultEvent.Phase.APPLY)
                .sorted(Comparator.comparingLong(FaultEvent::timeNanos)).toList();
        List<QuorumTimeline.Interval> intervals = timeline.intervals();
        List<FaultRecovery> recoveries = new ArrayList<>();
        for (int i = 0; i < applied.size(); i++) {
            recoveries.add(measure(applied.get(i), nextApplied(applied, i), intervals));
        }
        return recoveries;
    }

    private static FaultRecovery measure(FaultEvent fault, long next, List<QuorumTimeline.Interval> intervals) {
        long at = fault.timeNanos();
        QuorumTimeline.Interval during = outageAround(intervals, at);
        boolean lostBefore = during != null;
        QuorumTimeline.Interval outage = lostBefore ? during : intervals.stream()
                .filter(q -> !q.quorum() && q.startNanos() >= at && q.startNanos() < next).findFirst().orElse(null);
        long appliedMs = at / 1_000_000;
        if (outage == null) {
            return new FaultRecovery(fault.faultId(), fault.kind(), fault.description(), fault.members(), appliedMs,
                    null, null, 0, false);
        }
        boolean ongoing = outage == intervals.get(intervals.size() - 1);
        long endMs = outage.endNanos() / 1_000_000;
        return new FaultRecovery(fault.faultId(), fault.kind(), fault.description(), fault.members(), appliedMs,
                outage.startNanos() / 1_000_000, ongoing ? null : endMs, Math.max(0, endMs - appliedMs), lostBefore);
    }

    /** The next fault applied strictly later; faults applied at the same moment share a window. */
    private static long nextApplied(List<FaultEvent> applied, int i) {
        long at = applied.get(i).timeNanos();
        for (int j = i + 1; j < applied.size(); j++) {
            if (applied.get(j).timeNanos() > at) {
                return applied.get(j).timeNanos();
            }
        }
        return Long.MAX_VALUE;
    }

    /**
     * The outage in progress when the fault landed: begun before it and not over by then. One that
     * begins at the fault's very moment is the fault's own; one that ended then is over.
     */
    private static QuorumTimeline.Interval outageAround(List<QuorumTimeline.Interval> intervals, long at) {
        return intervals.stream().filter(q -> !q.quorum() && q.startNanos() < at && q.endNanos() > at)
                .findFirst().orElse(null);
    }
}
