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
     * As {@link #windows(int, List, long, long, Duration)}, with the grace chosen by why the
     * member was out. A stretch that began down or unresponsive, or was down at any time, gets the
     * not-serving grace as a whole. One that began with an election gets the election's grace; a
     * silence inside it (a member too busy joining the new leader to answer, on a loaded machine)
     * makes it count sooner only if that silence alone outlasts the not-serving grace. A window is
     * named for the worst state the member was in during it.
     */
    public static List<Window> windows(int size, List<MemberStateChange> changes, long fromNanos, long endNanos,
                                       Grace grace) {
        return windows(Membership.fixed(size), changes, fromNanos, endNanos, grace);
    }

    /** As above, counting only the members of each moment (see {@link Membership#clip}). */
    public static List<Window> windows(Membership membership, List<MemberStateChange> changes, long fromNanos,
                                       long endNanos, Grace grace) {
        int size = membership.capacity(changes);
        List<Window> windows = new ArrayList<>();
        Stretch[] out = new Stretch[size];
        for (MemberStateChange raw : membership.clip(changes)) {
            long t = Math.max(raw.timeNanos(), fromNanos);
            int m = raw.member();
            if (raw.state().serving()) {
                if (out[m] != null && out[m].counts(t, grace)) {
                    windows.add(new Window(m, out[m].since, t, out[m].worst));
                }
                out[m] = null;
            } else if (out[m] == null) {
                out[m] = new Stretch(t, raw.state());
            } else {
                out[m].then(t, raw.state(), grace);
            }
        }
        for (int m = 0; m < size; m++) {
            if (out[m] != null && out[m].counts(endNanos, grace)) {
                windows.add(new Window(m, out[m].since, endNanos, out[m].worst));
            }
        }
        windows.sort(Comparator.comparingLong(Window::startNanos));
        return windows;
    }

    /** One member's time out of service, from its first state that was not serving. */
    private static final class Stretch {

        final long since;
        MemberState worst;
        /** Whether the not-serving grace applies to the whole stretch. */
        boolean strict;
        /** Start of the silence now under way inside an election; -1 when none. */
        long silentSince = -1;

        Stretch(long since, MemberState state) {
            this.since = since;
            this.worst = state;
            this.strict = state != MemberState.LOOKING;
            if (state == MemberState.UNRESPONSIVE) {
                silentSince = since;
            }
        }

        void then(long t, MemberState state, Grace grace) {
            if (state != MemberState.UNRESPONSIVE) {
                endSilence(t, grace);
            } else if (silentSince < 0) {
                silentSince = t;
            }
            if (state == MemberState.DOWN) {
                strict = true;
            }
            if (worse(state, worst)) {
                worst = state;
            }
        }

        boolean counts(long end, Grace grace) {
            endSilence(end, grace);
            long nanos = end - since;
            return nanos > (strict ? grace.notServing() : grace.electing()).toNanos();
        }

        private void endSilence(long t, Grace grace) {
            if (silentSince >= 0 && t - silentSince > grace.notServing().toNanos()) {
                strict = true;
            }
            silentSince = -1;
        }
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
