package dev.quorumchaos.fault.partition;

import java.util.Set;

/** The links between an ensemble's members that a {@link Partition} cuts: each service's link proxies on the local platform. */
public interface Links {

    /** Applies {@code behaviour} to the given directed links between members. */
    Cut cut(Set<DirectedLink> links, LinkBehaviour behaviour);

    /** One cut as applied. */
    interface Cut {
        /** Lifts exactly this cut, once; a no-op after that or once the links are closed. */
        void heal();
    }
}
