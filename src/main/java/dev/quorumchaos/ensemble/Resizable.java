package dev.quorumchaos.ensemble;

import java.util.List;
import java.util.Optional;

/**
 * An ensemble whose membership the service itself changes while it serves: ZooKeeper's dynamic
 * reconfiguration, etcd's member add and remove. Like a StatefulSet's scale, members are added
 * at the next ordinal and removed from the highest one. Each change returns once the service
 * committed it, and the ensemble's {@link RoleObserver} then observes the new membership (and
 * records the change in the history, so checks judge quorum and budget over it).
 */
public interface Resizable {

    /** Starts member {@code size()}, makes it a voting member, and returns once it serves as one. */
    Resize grow();

    /**
     * Takes member {@code size() - 1} out of the membership by the service's own change, then stops
     * it; returns once the change is committed and the member is stopped.
     */
    Resize shrink();

    /** The voting members as the service lists them now (ZooKeeper's server lines, etcd's member list). */
    List<String> membership();

    /** Why this ensemble cannot change its membership after all (its service has no way to); empty when it can. */
    default Optional<String> cannotResize() {
        return Optional.empty();
    }
}
