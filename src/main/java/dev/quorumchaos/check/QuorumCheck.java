package dev.quorumchaos.check;

import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Quorum over time: regained within a deadline after the last fault, or never lost. */
public final class QuorumCheck {

    private QuorumCheck() {
    }

    /**
     * Whether a quorum served within {@code deadline} of the last fault applied (or of the
     * ensemble's start, when no fault was applied). The time-to-quorum is the last fault's
     * {@link FaultRecovery}, as defined there: 0 when quorum was kept, and measured to the end of
     * the outage in progress when the fault landed while quorum was already gone.
     */
    public static Verdict within(History history, int size, Duration deadline, long nowNanos) {
        return within(history, size, deadline, nowNanos, Map.of());
    }

    /**
     * @param whyUnavailable what the platform or the service says about members not serving now
     *                       (an etcd member that lost its data and has no quorum to re-add it), by
     *                       ordinal: named in a FAIL's evidence and summary
     */
    public static Verdict within(History history, int size, Duration deadline, long nowNanos,
                                 Map<Integer, String> whyUnavailable) {
        String name = "quorum within " + deadline.toSeconds() + " s";
        QuorumTimeline timeline = QuorumTimeline.of(size, history, nowNanos);
        Optional<FaultEvent> fault = history.lastApply();
        String after = fault.map(f -> "the fault '" + f.description() + "'").orElse("the ensemble's start");
        FaultRecovery recovery = fault.map(f -> recoveryOf(f, timeline, history)).orElseGet(() -> boot(timeline));
        Long lostAt = recovery.kept() ? null : recovery.lostAtMs();
        String before = fault.isPresent() && recovery.lostBeforeFault() ? " (quorum was already gone when it landed, lost at "
                + recovery.lostAtMs() + " ms)" : "";
        if (!recovery.kept() && !recovery.regained()) {
            Map<Integer, String> why = whyUnavailable.isEmpty() ? null : new TreeMap<>(whyUnavailable);
            StringBuilder because = new StringBuilder();
            if (why != null) {
                why.forEach((member, reason) -> because.append("; member ").append(member).append(": ").append(reason));
            }
            return Verdict.fail(name, "no quorum " + deadline.toSeconds() + " s after " + after + before + because,
                    new QuorumEvidence(after, recovery.appliedAtMs(), deadline.toMillis(), recovery, lostAt,
                            recovery.timeToQuorumMs(), why, null, null, null));
        }
        long timeToQuorum = recovery.timeToQuorumMs();
        long quorumAt = recovery.kept() ? recovery.appliedAtMs() : recovery.regainedAtMs();
        Integer leader = timeline.intervals().stream().filter(i -> i.quorum() && i.endNanos() / 1_000_000 > quorumAt)
                .findFirst().map(QuorumTimeline.Interval::leader).orElse(null);
        QuorumEvidence evidence = new QuorumEvidence(after, recovery.appliedAtMs(), deadline.toMillis(), recovery, lostAt,
                null, null, timeToQuorum, quorumAt, leader);
        if (timeToQuorum > deadline.toMillis()) {
            return Verdict.fail(name, "quorum took " + timeToQuorum + " ms after " + after + before + ", over the "
                    + deadline.toSeconds() + " s deadline", evidence);
        }
        String summary = recovery.kept() ? "quorum was never lost after " + after
                : "quorum " + timeToQuorum + " ms after " + after + before;
        return Verdict.pass(name, summary, evidence);
    }

    private static FaultRecovery recoveryOf(FaultEvent fault, QuorumTimeline timeline, History history) {
        return FaultRecovery.of(timeline, history.faultEvents()).stream()
                .filter(r -> r.faultId().equals(fault.faultId())).reduce((first, last) -> last).orElseThrow();
    }

    /** Without a fault, time-to-quorum runs from the ensemble's start to its first quorum. */
    private static FaultRecovery boot(QuorumTimeline timeline) {
        FaultEvent start = new FaultEvent("start", "start", "the ensemble's start", FaultEvent.Phase.APPLY, List.of(),
                0, null, null);
        return FaultRecovery.of(timeline, List.of(start)).get(0);
    }

    /**
     * Whether quorum, once the ensemble was ready (every member serving, as the scenario starts),
     * was never lost up to {@code nowNanos}. A boot's wobble before that (a first leader stepping
     * down while members still start) is the deployment, not what the scenario tests.
     */
    public static Verdict kept(History history, int size, long nowNanos) {
        String name = "keeps quorum";
        QuorumTimeline timeline = QuorumTimeline.of(size, history, nowNanos);
        long firstQuorum = timeline.firstQuorumNanos();
        if (firstQuorum < 0) {
            return Verdict.fail(name, "the ensemble never had a quorum", new QuorumHeldEvidence(null, null));
        }
        long first = Math.max(firstQuorum, history.readyNanos());
        List<QuorumHeldEvidence.Outage> outages = new ArrayList<>();
        for (QuorumTimeline.Interval i : timeline.outagesSince(first)) {
            outages.add(new QuorumHeldEvidence.Outage(i.startNanos() / 1_000_000, i.endNanos() / 1_000_000,
                    i.durationMillis(), history.wallClock(i.startNanos()).toString(), i.endNanos() >= nowNanos));
        }
        QuorumHeldEvidence evidence = new QuorumHeldEvidence(first / 1_000_000, outages);
        if (!outages.isEmpty()) {
            long total = timeline.millisWithoutQuorumSince(first);
            boolean ongoing = outages.get(outages.size() - 1).ongoing();
            return Verdict.fail(name, "quorum was lost " + outages.size() + " time(s), for " + total + " ms in all"
                    + (ongoing ? " and is not back yet" : "") + "; first at " + outages.get(0).fromMs()
                    + " ms (" + outages.get(0).at() + ")", evidence);
        }
        return Verdict.pass(name, "quorum held from " + first / 1_000_000 + " ms on", evidence);
    }
}
