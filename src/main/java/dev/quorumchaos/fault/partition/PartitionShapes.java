package dev.quorumchaos.fault.partition;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.EnsembleView;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The partitions a scenario asks for, for an ensemble of {@code size} members of which
 * {@code leader} leads (if any), e.g. {@code PartitionShapes.of(view).isolateLeader()}.
 *
 * <p>Where a shape picks members itself it does so deterministically, in the order: the leader,
 * then the others by ordinal. Putting the leader on the losing side makes a partition test
 * re-election, not just the loss of a follower. Jepsen picks at random instead; pass the members
 * explicitly to get any other shape.
 */
public record PartitionShapes(int size, OptionalInt leader) {

    public PartitionShapes {
        if (size < 1 || size > PartitionShape.MAX_SIZE) {
            throw ChaosException.badInput("partition shapes are for ensembles of 1 to " + PartitionShape.MAX_SIZE
                    + " members, not " + size);
        }
        if (leader.isPresent() && (leader.getAsInt() < 0 || leader.getAsInt() >= size)) {
            throw ChaosException.badInput("leader " + leader.getAsInt() + " is not a member of an ensemble of " + size);
        }
    }

    public static PartitionShapes of(int size, OptionalInt leader) {
        return new PartitionShapes(size, leader);
    }

    /** Shapes for the ensemble as {@code view} saw it: its size and its leader. */
    public static PartitionShapes of(EnsembleView view) {
        return new PartitionShapes(view.size(), view.leader());
    }

    /** {@code member} hears no one and no one hears it. */
    public PartitionShape isolate(int member) {
        check(member);
        List<Integer> others = allBut(Set.of(member));
        return new PartitionShape(size, "isolate member " + label(member) + " from " + list(others),
                DirectedLink.between(List.of(member), others), List.of(member));
    }

    public PartitionShape isolateLeader() {
        return isolate(requireLeader("isolate the leader"));
    }

    /**
     * The largest minority, floor((size - 1) / 2) members, is cut off from the rest; it holds the
     * leader and then the lowest other ordinals. With 3 members that is the leader alone, with 5
     * the leader and one more.
     */
    public PartitionShape splitLeaderInMinority() {
        int minority = (size - 1) / 2;
        if (minority == 0) {
            throw ChaosException.badInput("an ensemble of " + size + " has no minority to split off");
        }
        return split(new TreeSet<>(leaderFirst().subList(0, minority)));
    }

    /** {@code side} and the rest no longer hear each other. */
    public PartitionShape split(Set<Integer> side) {
        side.forEach(this::check);
        List<Integer> rest = allBut(side);
        if (side.isEmpty() || rest.isEmpty()) {
            throw ChaosException.badInput("a split needs members on both sides, not " + list(side) + " | " + list(rest));
        }
        List<Integer> one = new ArrayList<>(new TreeSet<>(side));
        String description;
        List<Integer> targets;
        if (one.size() >= majority()) {
            description = "split off minority " + list(rest) + " from majority " + list(one);
            targets = rest;
        } else if (rest.size() >= majority()) {
            description = "split off minority " + list(one) + " from majority " + list(rest);
            targets = one;
        } else {
            description = "split " + list(one) + " | " + list(rest) + ": no side has a majority";
            targets = one;
        }
        return new PartitionShape(size, description, DirectedLink.between(one, rest), targets);
    }

    /**
     * Jepsen's bridge: two halves that do not hear each other, and one member that hears both.
     * The leader goes into the first half and the next member in order is the bridge; with 5
     * members each half and the bridge make a majority of their own.
     */
    public PartitionShape bridge() {
        if (size < 3) {
            throw ChaosException.badInput("a bridge needs at least 3 members, not " + size);
        }
        List<Integer> order = leaderFirst();
        int half = (size - 1) / 2;
        return bridge(order.get(half), new TreeSet<>(order.subList(0, half)));
    }

    /** {@code half} and the others but {@code bridge} do not hear each other; {@code bridge} hears all. */
    public PartitionShape bridge(int bridge, Set<Integer> half) {
        check(bridge);
        half.forEach(this::check);
        Set<Integer> bridgeAndHalf = new TreeSet<>(half);
        bridgeAndHalf.add(bridge);
        List<Integer> other = allBut(bridgeAndHalf);
        if (half.isEmpty() || half.contains(bridge) || other.isEmpty()) {
            throw ChaosException.badInput("a bridge needs two non-empty halves besides the bridge member "
                    + bridge + ", not " + list(half) + " | " + list(other));
        }
        List<Integer> first = new ArrayList<>(new TreeSet<>(half));
        return new PartitionShape(size,
                "bridge " + list(first) + " | " + label(bridge) + " | " + list(other) + ": member " + bridge
                        + " hears both halves",
                DirectedLink.between(first, other), List.of(bridge));
    }

    /** What {@code from} sends no longer reaches {@code to}; {@code from} still hears {@code to}. */
    public PartitionShape oneWay(int from, int to) {
        check(from);
        check(to);
        return new PartitionShape(size,
                "one-way: " + label(to) + " no longer hears " + label(from) + ", " + label(from) + " still hears " + label(to),
                Set.of(new DirectedLink(from, to)), List.of(from, to));
    }

    /**
     * No cut: the network after healing, for checks. Healing itself is lifting the cuts
     * (healing every cut, or recovering the partition faults).
     */
    public PartitionShape heal() {
        return new PartitionShape(size, "heal: every link passes", Set.of(), List.of());
    }

    private int majority() {
        return size / 2 + 1;
    }

    private int requireLeader(String what) {
        if (leader.isEmpty()) {
            throw new ChaosException("cannot " + what + ": no member of " + size + " leads now");
        }
        return leader.getAsInt();
    }

    /** The leader, then everyone else by ordinal. */
    private List<Integer> leaderFirst() {
        List<Integer> order = new ArrayList<>();
        leader.ifPresent(order::add);
        for (int m = 0; m < size; m++) {
            if (!order.contains(m)) {
                order.add(m);
            }
        }
        return order;
    }

    private List<Integer> allBut(Collection<Integer> excluded) {
        List<Integer> rest = new ArrayList<>();
        for (int m = 0; m < size; m++) {
            if (!excluded.contains(m)) {
                rest.add(m);
            }
        }
        return rest;
    }

    private String label(int member) {
        return leader.isPresent() && leader.getAsInt() == member ? member + " (leader)" : String.valueOf(member);
    }

    private String list(Collection<Integer> members) {
        return members.stream().sorted().map(this::label).collect(Collectors.joining(", "));
    }

    private void check(int member) {
        if (member < 0 || member >= size) {
            throw ChaosException.badInput("no member " + member + " in an ensemble of " + size);
        }
    }
}
