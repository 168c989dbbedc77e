package dev.quorumchaos.fault.partition;

import dev.quorumchaos.ChaosException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which directed links between the members of an ensemble are cut, and what follows from it for
 * the checks: the sides (groups whose members all still hear each other both ways), which of them
 * hold a majority, and which members cannot serve while the cut holds. Built by {@link PartitionShapes}.
 *
 * @param targets the members the shape is about (the isolated one, the minority, the bridge), for the history
 */
public record PartitionShape(int size, String description, Set<DirectedLink> cuts, List<Integer> targets) {

    /** Sides are found by trying every group of members; ZooKeeper ensembles stay far below this. */
    static final int MAX_SIZE = 16;

    public PartitionShape {
        if (size < 1 || size > MAX_SIZE) {
            throw ChaosException.badInput("partition shapes are for ensembles of 1 to " + MAX_SIZE + " members, not " + size);
        }
        for (DirectedLink link : cuts) {
            if (link.from() >= size || link.to() >= size) {
                throw ChaosException.badInput("link " + link + " is outside an ensemble of " + size);
            }
        }
        cuts = Collections.unmodifiableSortedSet(new TreeSet<>(cuts));
        targets = List.copyOf(targets);
    }

    public int majority() {
        return size / 2 + 1;
    }

    /** Whether {@code to} receives what {@code from} sends. */
    public boolean hears(int to, int from) {
        return from == to || !cuts.contains(new DirectedLink(from, to));
    }

    /** Whether {@code a} and {@code b} hear each other; ZooKeeper's connections need both directions. */
    public boolean connected(int a, int b) {
        return hears(a, b) && hears(b, a);
    }

    /**
     * The largest groups whose members are all connected to each other, biggest first, then by
     * their lowest member. A clean split gives two sides; a bridge or a one-way cut gives
     * overlapping ones.
     */
    public List<Set<Integer>> sides() {
        List<Integer> groups = new ArrayList<>();
        for (int mask = 1; mask < 1 << size; mask++) {
            groups.add(mask);
        }
        groups.sort(Comparator.comparingInt(Integer::bitCount).reversed());
        List<Integer> sides = new ArrayList<>();
        for (int group : groups) {
            if (allConnected(group) && sides.stream().noneMatch(side -> (side & group) == group)) {
                sides.add(group);
            }
        }
        return sides.stream()
                .sorted(Comparator.comparingInt(Integer::bitCount).reversed().thenComparingInt(Integer::lowestOneBit))
                .map(this::members)
                .toList();
    }

    /** The sides big enough to form a quorum on their own: one after a clean split, two across a bridge. */
    public List<Set<Integer>> majoritySides() {
        return sides().stream().filter(side -> side.size() >= majority()).toList();
    }

    /**
     * Members that cannot serve while the cut holds, whatever ZooKeeper does: a quorum is a leader
     * connected to a majority counting itself, and these members are connected to no such leader.
     * A member outside this set may still fail to serve (it may be unable to finish an election),
     * so a check may demand that these stop serving, not that the others serve.
     */
    public Set<Integer> stranded() {
        Set<Integer> canServe = new TreeSet<>();
        for (int leader = 0; leader < size; leader++) {
            Set<Integer> quorum = new TreeSet<>();
            for (int m = 0; m < size; m++) {
                if (connected(leader, m)) {
                    quorum.add(m);
                }
            }
            if (quorum.size() >= majority()) {
                canServe.addAll(quorum);
            }
        }
        Set<Integer> stranded = new TreeSet<>();
        for (int m = 0; m < size; m++) {
            if (!canServe.contains(m)) {
                stranded.add(m);
            }
        }
        return Collections.unmodifiableSet(stranded);
    }

    private boolean allConnected(int group) {
        for (int a = 0; a < size; a++) {
            for (int b = a + 1; b < size; b++) {
                if ((group >> a & 1) == 1 && (group >> b & 1) == 1 && !connected(a, b)) {
                    return false;
                }
            }
        }
        return true;
    }

    private Set<Integer> members(int group) {
        Set<Integer> members = new TreeSet<>();
        for (int m = 0; m < size; m++) {
            if ((group >> m & 1) == 1) {
                members.add(m);
            }
        }
        return Collections.unmodifiableSet(members);
    }

    @Override
    public String toString() {
        return description;
    }
}
