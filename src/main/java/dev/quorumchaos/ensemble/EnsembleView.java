package dev.quorumchaos.ensemble;

import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.MemberState;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What every member said about itself at one moment, and what follows from it: who leads and
 * whether a quorum serves. Quorum means a serving leader plus enough serving followers to make a
 * majority of the ensemble. When two members both claim to lead (a deposed leader that has not
 * noticed yet), the one of the newer epoch leads; a follower's epoch can lag its leader's until
 * the first write of the epoch, so only followers claiming a newer epoch than the leader are
 * left out.
 */
public record EnsembleView(List<MemberState> states, List<Long> epochs) {

    public EnsembleView {
        states = List.copyOf(states);
        epochs = List.copyOf(epochs);
    }

    public int size() {
        return states.size();
    }

    public MemberState state(int ordinal) {
        return states.get(ordinal);
    }

    public int majority() {
        return size() / 2 + 1;
    }

    /** The serving leader of the newest epoch, if any. */
    public OptionalInt leader() {
        int best = -1;
        for (int i = 0; i < size(); i++) {
            if (states.get(i) == MemberState.LEADER && (best < 0 || epochs.get(i) > epochs.get(best))) {
                best = i;
            }
        }
        return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }

    /** Members serving under the current leader, the leader included. */
    public List<Integer> quorumMembers() {
        return quorumMembers(Set.of());
    }

    /**
     * Members serving under the current leader and still linked to it both ways: while a partition
     * holds, a follower on the other side of a cut is not part of the leader's quorum, whatever it
     * still says about itself.
     */
    public List<Integer> quorumMembers(Set<FaultEvent.Link> cuts) {
        OptionalInt leader = leader();
        if (leader.isEmpty()) {
            return List.of();
        }
        int l = leader.getAsInt();
        long epoch = epochs.get(l);
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            boolean follows = states.get(i) == MemberState.FOLLOWER && epochs.get(i) <= epoch
                    && !cuts.contains(new FaultEvent.Link(l, i)) && !cuts.contains(new FaultEvent.Link(i, l));
            if (i == l || follows) {
                members.add(i);
            }
        }
        return members;
    }

    public boolean hasQuorum() {
        return hasQuorum(Set.of());
    }

    public boolean hasQuorum(Set<FaultEvent.Link> cuts) {
        return quorumMembers(cuts).size() >= majority();
    }

    public List<Integer> followers() {
        List<Integer> followers = new ArrayList<>(quorumMembers());
        leader().ifPresent(l -> followers.remove(Integer.valueOf(l)));
        return followers;
    }

    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(i).append('=').append(states.get(i).label());
        }
        return sb.toString();
    }
}
