package dev.quorumchaos.check;

import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Quorum over time: regained within a deadline after the last fault, or never lost. */
public final class QuorumCheck {

    private QuorumCheck() {
    }

    /**
     * Whether a quorum served within {@code deadline} of the last fault applied (or of the
     * ensemble's start, when no fault was applied). Time-to-quorum is measured from the fault to
     * the first moment a quorum served after it; a quorum that was never lost gives 0.
     */
    public static Verdict within(History history, int size, Duration deadline, long nowNanos) {
        String name = "quorum within " + deadline.toSeconds() + " s";
        QuorumTimeline timeline = QuorumTimeline.of(size, history.stateChanges(), nowNanos);
        Optional<FaultEvent> fault = history.lastApply();
        long since = fault.map(FaultEvent::timeNanos).orElse(0L);
        String after = fault.map(f -> "the fault '" + f.description() + "'").orElse("the ensemble's start");
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("measuredFrom", after);
        evidence.put("measuredFromMs", since / 1_000_000);
        evidence.put("deadlineMs", deadline.toMillis());
        long lost = timeline.outagesSince(since).stream()
                .mapToLong(QuorumTimeline.Interval::startNanos).filter(t -> t >= since).findFirst().orElse(-1);
        long regained = lost >= 0 ? timeline.quorumAtOrAfter(lost) : timeline.quorumAtOrAfter(since);
        if (regained < 0) {
            evidence.put("quorumLostAtMs", lost >= 0 ? lost / 1_000_000 : since / 1_000_000);
            evidence.put("withoutQuorumForMs", (nowNanos - since) / 1_000_000);
            return Verdict.fail(name, "no quorum " + deadline.toSeconds() + " s after " + after, evidence);
        }
        long timeToQuorum = Math.max(0, regained - since) / 1_000_000;
        evidence.put("timeToQuorumMs", timeToQuorum);
        if (lost >= 0) {
            evidence.put("quorumLostAtMs", lost / 1_000_000);
        }
        evidence.put("quorumAtMs", regained / 1_000_000);
        timeline.intervals().stream().filter(i -> i.quorum() && i.endNanos() > regained).findFirst()
                .ifPresent(i -> evidence.put("leader", i.leader()));
        if (timeToQuorum > deadline.toMillis()) {
            return Verdict.fail(name, "quorum took " + timeToQuorum + " ms after " + after + ", over the "
                    + deadline.toSeconds() + " s deadline", evidence);
        }
        String summary = lost < 0 ? "quorum was never lost after " + after
                : "quorum " + timeToQuorum + " ms after " + after;
        return Verdict.pass(name, summary, evidence);
    }

    /** Whether quorum, once first reached, was never lost up to {@code nowNanos}. */
    public static Verdict kept(History history, int size, long nowNanos) {
        String name = "keeps quorum";
        QuorumTimeline timeline = QuorumTimeline.of(size, history.stateChanges(), nowNanos);
        long first = timeline.firstQuorumNanos();
        Map<String, Object> evidence = new LinkedHashMap<>();
        if (first < 0) {
            return Verdict.fail(name, "the ensemble never had a quorum", evidence);
        }
        evidence.put("firstQuorumAtMs", first / 1_000_000);
        List<Map<String, Object>> outages = new ArrayList<>();
        for (QuorumTimeline.Interval i : timeline.outagesSince(first)) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("fromMs", i.startNanos() / 1_000_000);
            o.put("toMs", i.endNanos() / 1_000_000);
            o.put("durationMs", i.durationMillis());
            o.put("at", history.wallClock(i.startNanos()).toString());
            o.put("ongoing", i.endNanos() >= nowNanos);
            outages.add(o);
        }
        evidence.put("outages", outages);
        if (!outages.isEmpty()) {
            long total = timeline.millisWithoutQuorumSince(first);
            boolean ongoing = (Boolean) outages.get(outages.size() - 1).get("ongoing");
            return Verdict.fail(name, "quorum was lost " + outages.size() + " time(s), for " + total + " ms in all"
                    + (ongoing ? " and is not back yet" : "") + "; first at " + outages.get(0).get("fromMs")
                    + " ms (" + outages.get(0).get("at") + ")", evidence);
        }
        return Verdict.pass(name, "quorum held from " + first / 1_000_000 + " ms on", evidence);
    }
}
