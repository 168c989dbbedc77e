package dev.quorumchaos.check;

import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberState;
import dev.quorumchaos.history.MemberStateChange;
import dev.quorumchaos.history.MembershipChange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How many members voted at each moment of a scenario: the size it was deployed with, changed by
 * each recorded {@link MembershipChange} (ordinals 0 to size - 1 vote). Quorum is a majority of the
 * members of its moment, and the budget counts only them: a member not added yet is not
 * unavailable, and one removed is not a disruption.
 */
public record Membership(int initial, List<MembershipChange> changes) {

    public Membership {
        changes = changes.stream().sorted(Comparator.comparingLong(MembershipChange::timeNanos)).toList();
    }

    /** An ensemble that kept {@code size} members throughout. */
    public static Membership fixed(int size) {
        return new Membership(size, List.of());
    }

    /** The history's changes; {@code sizeNow} is the size when nothing changed. */
    public static Membership of(int sizeNow, History history) {
        List<MembershipChange> changes = history.memberships();
        return new Membership(changes.isEmpty() ? sizeNow : changes.get(0).from(), changes);
    }

    /** The most members there ever were. */
    public int capacity() {
        int most = initial;
        for (MembershipChange c : changes) {
            most = Math.max(most, c.to());
        }
        return most;
    }

    /**
     * Room for every member {@code stateChanges} name too: a member that was started to join and
     * observed, but never added (the change failed), is in the history and in no membership.
     */
    public int capacity(List<MemberStateChange> stateChanges) {
        int most = capacity();
        for (MemberStateChange c : stateChanges) {
            most = Math.max(most, c.member() + 1);
        }
        return most;
    }

    public int sizeAt(long timeNanos) {
        int size = initial;
        for (MembershipChange c : changes) {
            if (c.timeNanos() <= timeNanos) {
                size = c.to();
            }
        }
        return size;
    }

    /**
     * The role changes as the budget sees them: a member outside the membership counts as serving
     * (it is nobody's disruption), a member entering it counts from then on with the state it was
     * last seen in, and changes of members outside it are held until they enter.
     */
    public List<MemberStateChange> clip(List<MemberStateChange> stateChanges) {
        List<MemberStateChange> moments = new ArrayList<>(stateChanges);
        for (MembershipChange c : changes) {
            moments.add(new MemberStateChange(-1, MemberState.DOWN, -1, c.timeNanos(), "membership change"));
        }
        moments.sort(Comparator.comparingLong(MemberStateChange::timeNanos));
        MemberStateChange[] last = new MemberStateChange[capacity(stateChanges)];
        List<MemberStateChange> clipped = new ArrayList<>();
        int size = initial;
        for (MemberStateChange m : moments) {
            if (m.member() >= 0) {
                last[m.member()] = m;
                if (m.member() < size) {
                    clipped.add(m);
                }
                continue;
            }
            int to = sizeAt(m.timeNanos());
            for (int left = to; left < size; left++) {
                clipped.add(new MemberStateChange(left, MemberState.FOLLOWER, -1, m.timeNanos(), "left the membership"));
            }
            for (int joined = size; joined < to; joined++) {
                MemberState state = last[joined] == null ? MemberState.DOWN : last[joined].state();
                clipped.add(new MemberStateChange(joined, state, last[joined] == null ? -1 : last[joined].epoch(),
                        m.timeNanos(), "joined the membership"));
            }
            size = to;
        }
        return clipped;
    }
}
