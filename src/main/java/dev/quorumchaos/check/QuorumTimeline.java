package dev.quorumchaos.check;

import dev.quorumchaos.ensemble.EnsembleView;
import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberState;
import dev.quorumchaos.history.MemberStateChange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        return of(size, changes, List.of(), endNanos);
    }

    /** Over the history's membership: quorum is a majority of the members of each moment. */
    public static QuorumTimeline of(int size, History history, long endNanos) {
        return of(Membership.of(size, history), history.stateChanges(), history.faultEvents(), endNanos);
    }

    /** The directed links cut by partitions in place at {@code atNanos}. */
    public static Set<FaultEvent.Link> activeCuts(List<FaultEvent> faults, long atNanos) {
        Map<String, Set<FaultEvent.Link>> active = new HashMap<>();
        for (FaultEvent f : faults) {
            if (f.timeNanos() > atNanos) {
                break;
            }
            if (f.phase() == FaultEvent.Phase.APPLY && !f.cuts().isEmpty()) {
                active.put(f.faultId(), f.cuts());
            } else if (f.phase() == FaultEvent.Phase.RECOVER) {
                active.remove(f.faultId());
            }
        }
        Set<FaultEvent.Link> cuts = new HashSet<>();
        active.values().forEach(cuts::addAll);
        return cuts;
    }

    /**
     * Replays role changes and partition boundaries in time order. While a partition holds,
     * quorum is judged on the leader's side of it (see {@link EnsembleView#hasQuorum(Set)}).
     */
    public static QuorumTimeline of(int size, List<MemberStateChange> changes, List<FaultEvent> faults, long endNanos) {
        return of(Membership.fixed(size), changes, faults, endNanos);
    }

    /** As above, with the majority taken over the members of each moment. */
    public static QuorumTimeline of(Membership membership, List<MemberStateChange> changes, List<FaultEvent> faults,
                                    long endNanos) {
        MemberState[] states = new MemberState[membership.capacity(changes)];
        Long[] epochs = new Long[membership.capacity(changes)];
        Arrays.fill(states, MemberState.DOWN);
        Arrays.fill(epochs, -1L);
        List<Interval> intervals = new ArrayList<>();
        long start = 0;
        boolean quorum = false;
        int leader = -1;
        // partition boundaries are replayed as moments at which quorum is judged again
        List<MemberStateChange> moments = new ArrayList<>(changes);
        for (FaultEvent f : faults) {
            if (!f.cuts().isEmpty()) {
                moments.add(new MemberStateChange(-1, MemberState.DOWN, -1, f.timeNanos(), "partition boundary"));
            }
        }
        membership.changes().forEach(m -> moments.add(
                new MemberStateChange(-1, MemberState.DOWN, -1, m.timeNanos(), "membership change")));
        moments.sort(java.util.Comparator.comparingLong(MemberStateChange::timeNanos));
        for (MemberStateChange change : moments) {
            if (change.member() >= 0) {
                states[change.member()] = change.state();
                epochs[change.member()] = change.epoch();
            }
            int members = membership.sizeAt(change.timeNanos());
            EnsembleView view = new EnsembleView(Arrays.asList(states).subList(0, members),
                    Arrays.asList(epochs).subList(0, members));
            boolean nowQuorum = view.hasQuorum(activeCuts(faults, change.timeNanos()));
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
