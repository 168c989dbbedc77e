package dev.quorumchaos.check;

import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.history.MemberState;
import dev.quorumchaos.history.MemberStateChange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When each member was unavailable, the way a readiness probe would see it: not serving for
 * longer than a grace period. A window starts when the member stopped serving, not when the
 * grace ran out.
 */
public final class Unavailability {

    /**
     * How long a member may be out before it counts, by why it is out. Down or unresponsive: as a
     * readiness probe failing once. Looking for a leader: an election is ZooKeeper recovering as
     * configured until it outlasts {@code initLimit x tickTime}, the time a new leader gives its
     * followers to join, so it counts only after that, however loaded the machine makes it.
     */
    public record Grace(Duration notServing, Duration electing) {

        /** For an ensemble with these timings. */
        public static Grace of(EnsembleSpec spec) {
            return new Grace(Duration.ofSeconds(1), spec.tickTime().multipliedBy(spec.initLimit()));
        }

        /** The same grace whatever the reason, e.g. for a hand-written history. */
        public static Grace uniform(Duration grace) {
            return new Grace(grace, grace);
        }

        long nanosFor(MemberState why) {
            return (why == MemberState.LOOKING ? electing : notServing).toNanos();
        }
    }

    /** Members are down, paused or looking during these windows. */
    public record Window(int member, long startNanos, long endNanos, MemberState state) {
    }

    /** The most members unavailable at once, and from when to when. */
    public record Peak(int members, long startNanos, long endNanos, List<Integer> who) {
    }

    private Unavailability() {
    }

    /**
     * @param fromNanos where observation starts: members not serving before it (still booting)
     *                  count from then on, if they still do not serve
     */
    public static List<Window> windows(int size, List<MemberStateChange> changes, long fromNanos, long endNanos,
                                       Duration grace) {
        return windows(size, changes, fromNanos, endNanos, Grace.uniform(grace));
    }

    /**
     * As {@link #windows(int, List, long, long, Duration)}, with the grace a window gets chosen by
     * the worst state the member was in during it.
     */
    public static List<Window> windows(int size, List<MemberStateChange> changes, long fromNanos, long endNanos,
                                       Grace grace) {
        List<Window> windows = new ArrayList<>();
        long[] since = new long[size];
        MemberState[] why = new MemberState[size];
        java.util.Arrays.fill(since, -1);
        for (MemberStateChange raw : changes) {
            MemberStateChange c = raw.timeNanos() >= fromNanos ? raw
                    : new MemberStateChange(raw.member(), raw.state(), raw.epoch(), fromNanos, raw.detail());
            int m = c.member();
            if (c.state().serving()) {
                if (since[m] >= 0 && c.timeNanos() - since[m] > grace.nanosFor(why[m])) {
                    windows.add(new Window(m, since[m], c.timeNanos(), why[m]));
                }
                since[m] = -1;
            } else if (since[m] < 0) {
                since[m] = c.timeNanos();
                why[m] = c.state();
            } else if (worse(c.state(), why[m])) {
                why[m] = c.state();
            }
        }
        for (int m = 0; m < size; m++) {
            if (since[m] >= 0 && endNanos - since[m] > grace.nanosFor(why[m])) {
                windows.add(new Window(m, since[m], endNanos, why[m]));
            }
        }
        windows.sort(Comparator.comparingLong(Window::startNanos));
        return windows;
    }

    private static boolean worse(MemberState a, MemberState b) {
        return a == MemberState.DOWN || (a == MemberState.UNRESPONSIVE && b == MemberState.LOOKING);
    }

    /** Sweeps the windows for every moment more than {@code budget} members were unavailable. */
    public static List<Peak> over(List<Window> windows, int budget) {
        List<Peak> peaks = new ArrayList<>();
        for (Peak p : levels(windows)) {
            if (p.members() > budget) {
                peaks.add(p);
            }
        }
        return peaks;
    }

    public static Peak max(List<Window> windows) {
        return levels(windows).stream().max(Comparator.comparingInt(Peak::members)
                .thenComparing(Comparator.comparingLong(Peak::startNanos).reversed()))
                .orElse(new Peak(0, 0, 0, List.of()));
    }

    /** Every stretch of constant unavailability, in time order. */
    private static List<Peak> levels(List<Window> windows) {
        record Edge(long time, int delta, int member) {
        }
        List<Edge> edges = new ArrayList<>();
        for (Window w : windows) {
            edges.add(new Edge(w.startNanos(), +1, w.member()));
            edges.add(new Edge(w.endNanos(), -1, w.member()));
        }
        // ends before starts at the same instant: back-to-back windows do not overlap
        edges.sort(Comparator.comparingLong(Edge::time).thenComparingInt(Edge::delta));
        List<Peak> levels = new ArrayList<>();
        List<Integer> down = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            Edge e = edges.get(i);
            if (e.delta() > 0) {
                down.add(e.member());
            } else {
                down.remove(Integer.valueOf(e.member()));
            }
            if (i + 1 < edges.size() && edges.get(i + 1).time() > e.time() && !down.isEmpty()) {
                levels.add(new Peak(down.size(), e.time(), edges.get(i + 1).time(), List.copyOf(down)));
            }
        }
        return levels;
    }
}
