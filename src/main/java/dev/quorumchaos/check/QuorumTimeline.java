package dev.quorumchaos.check;

import dev.quorumchaos.ensemble.EnsembleView;
import dev.quorumchaos.history.MemberState;
import dev.quorumchaos.history.MemberStateChange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Replays the recorded role changes into the intervals during which the ensemble had a quorum
 * and those during which it had none. Before the first observation every member counts as down.
 */
public final class QuorumTimeline {

    /** One stretch of time with or without a quorum; {@code leader} is -1 without one. */
    public record Interval(long startNanos, long endNanos, boolean quorum, int leader) {
        public long durationMillis() {
            return (endNanos - startNanos) / 1_000_000;
        }
    }

    private final List<Interval> intervals;

    private QuorumTimeline(List<Interval> intervals) {
        this.intervals = List.copyOf(intervals);
    }

    /** @param endNanos where the last interval ends: usually "now" in the history's clock */
    public static QuorumTimeline of(int size, List<MemberStateChange> changes, long endNanos) {
        MemberState[] states = new MemberState[size];
        Long[] epochs = new Long[size];
        Arrays.fill(states, MemberState.DOWN);
        Arrays.fill(epochs, -1L);
        List<Interval> intervals = new ArrayList<>();
        long start = 0;
        boolean quorum = false;
        int leader = -1;
        for (MemberStateChange change : changes) {
            states[change.member()] = change.state();
            epochs[change.member()] = change.epoch();
            EnsembleView view = new EnsembleView(Arrays.asList(states), Arrays.asList(epochs));
            boolean nowQuorum = view.hasQuorum();
            OptionalInt nowLeader = view.leader();
            int leaderNow = nowQuorum && nowLeader.isPresent() ? nowLeader.getAsInt() : -1;
            if (nowQuorum != quorum || leaderNow != leader) {
                if (change.timeNanos() > start) {
                    intervals.add(new Interval(start, change.timeNanos(), quorum, leader));
                }
                start = change.timeNanos();
                quorum = nowQuorum;
                leader = leaderNow;
            }
        }
        intervals.add(new Interval(start, Math.max(start, endNanos), quorum, leader));
        return new QuorumTimeline(merge(intervals));
    }

    /** Adjacent intervals with the same quorum and leader become one. */
    private static List<Interval> merge(List<Interval> raw) {
        List<Interval> merged = new ArrayList<>();
        for (Interval i : raw) {
            if (!merged.isEmpty()) {
                Interval last = merged.get(merged.size() - 1);
                if (last.quorum() == i.quorum() && last.leader() == i.leader()) {
                    merged.set(merged.size() - 1, new Interval(last.startNanos(), i.endNanos(), i.quorum(), i.leader()));
                    continue;
                }
            }
            merged.add(i);
        }
        return merged;
    }

    public List<Interval> intervals() {
        return intervals;
    }

    /** When the ensemble first had a quorum, or -1 if never. */
    public long firstQuorumNanos() {
        return intervals.stream().filter(Interval::quorum).mapToLong(Interval::startNanos).findFirst().orElse(-1);
    }

    /** The first moment at or after {@code since} with a quorum, or -1 if none. */
    public long quorumAtOrAfter(long since) {
        for (Interval i : intervals) {
            if (i.quorum() && i.endNanos() > since) {
                return Math.max(i.startNanos(), since);
            }
        }
        return -1;
    }

    /** Intervals without quorum that began at or after {@code since}, or overlap it. */
    public List<Interval> outagesSince(long since) {
        return intervals.stream().filter(i -> !i.quorum() && i.endNanos() > since).toList();
    }

    public long millisWithoutQuorumSince(long since) {
        return outagesSince(since).stream()
                .mapToLong(i -> (i.endNanos() - Math.max(i.startNanos(), since)) / 1_000_000).sum();
    }
}
