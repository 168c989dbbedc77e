package dev.quorumchaos.fault.partition;

import dev.quorumchaos.ChaosException;

import java.util.Collection;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

/** The bytes member {@code from} sends to member {@code to}; the other direction is another link. */
public record DirectedLink(int from, int to) implements Comparable<DirectedLink> {

    private static final Comparator<DirectedLink> ORDER =
            Comparator.comparingInt(DirectedLink::from).thenComparingInt(DirectedLink::to);

    public DirectedLink {
        if (from < 0 || to < 0 || from == to) {
            throw ChaosException.badInput("a link joins two different members, not " + from + " and " + to);
        }
    }

    public DirectedLink reversed() {
        return new DirectedLink(to, from);
    }

    /** Both directions between every member of {@code a} and every member of {@code b}. */
    public static Set<DirectedLink> between(Collection<Integer> a, Collection<Integer> b) {
        Set<DirectedLink> links = new TreeSet<>();
        for (int x : a) {
            for (int y : b) {
                links.add(new DirectedLink(x, y));
                links.add(new DirectedLink(y, x));
            }
        }
        return links;
    }

    @Override
    public int compareTo(DirectedLink other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return from + "->" + to;
    }
}
