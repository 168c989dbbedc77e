package dev.quorumchaos.operation;

import dev.quorumchaos.fault.FaultSite;
import dev.quorumchaos.fault.Procedure;

/**
 * A platform whose own controller replaces members one at a time when asked (a StatefulSet's
 * RollingUpdate): the harness asks, then watches and records each replacement as a fault window.
 * The controller picks the order; the harness cannot choose followers first.
 */
public interface ControllerRollout {

    /** The order the controller takes members in, as people read it: "highest ordinal first". */
    String order();

    /** Replaces the highest {@code count} members (every member for the ensemble's size) with ones at {@code version}. */
    Procedure upgrade(String version, int count, FaultSite site);

    /** Replaces every member at its own release, as {@code kubectl rollout restart} does. */
    Procedure restart(FaultSite site);
}
