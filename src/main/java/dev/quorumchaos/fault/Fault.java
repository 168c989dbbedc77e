package dev.quorumchaos.fault;

import java.util.List;

/**
 * Chaos Mesh's contract: a fault is applied and recovered. {@link #recover()} is idempotent,
 * treats a target that is gone as recovered, and runs on every way out of a scenario. Members
 * are chosen when the fault is built (the leader is the leader at that moment), so the
 * description names them.
 */
public interface Fault {

    /** The fault kind, e.g. {@code kill}, {@code pause}. */
    String kind();

    /** What a person reads, e.g. "kill leader (member 2)". */
    String description();

    List<Integer> members();

    void apply();

    void recover();

    /** For partitions: the directed links this fault cuts, recorded so checks judge quorum per side. */
    default java.util.Set<dev.quorumchaos.history.FaultEvent.Link> cuts() {
        return java.util.Set.of();
    }

    /**
     * Whether the target undoes this fault by itself (a killed member is restarted by its
     * supervisor); the injector then records recovery when the target reports it.
     */
    default boolean selfHealing() {
        return false;
    }
}
