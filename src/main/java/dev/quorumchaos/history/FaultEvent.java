package dev.quorumchaos.history;

import java.util.List;
import java.util.Set;

/**
 * A fault was applied or recovered.
 *
 * @param faultId     identifies one injection; apply and recover share it
 * @param kind        the fault kind, e.g. {@code kill}, {@code pause}
 * @param description what a person reads, e.g. "kill leader (member 2)"
 * @param members     the members it hit
 * @param timeNanos   when applying or recovering began: what the fault causes is never earlier
 * @param cuts        for a partition, the directed links it cut: quorum is judged on the side
 *                    that can still form one
 * @param effectiveNanos the edge of the stretch in which the fault held in full: when applying
 *                    ended, or when recovering began. Between the two times a request may still
 *                    pass (a link not cut yet, or cut no more), so a check of what a fault must
 *                    prevent judges only requests made inside that stretch.
 */
public record FaultEvent(String faultId, String kind, String description, Phase phase,
                         List<Integer> members, long timeNanos, String detail, Set<Link> cuts, long effectiveNanos) {

    /** An event whose fault took effect at once (read back from a history file, or in tests). */
    public FaultEvent(String faultId, String kind, String description, Phase phase,
                      List<Integer> members, long timeNanos, String detail, Set<Link> cuts) {
        this(faultId, kind, description, phase, members, timeNanos, detail, cuts, timeNanos);
    }

    /** A directed link between two members: {@code from}'s messages no longer reach {@code to}. */
    public record Link(int from, int to) {
    }

    public FaultEvent {
        cuts = cuts == null ? Set.of() : Set.copyOf(cuts);
    }

    public enum Phase { APPLY, RECOVER }

    public long timeMillis() {
        return timeNanos / 1_000_000;
    }
}
