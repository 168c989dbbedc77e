package dev.quorumchaos.fault.node;

import dev.quorumchaos.fault.FaultSite;

/**
 * An ensemble whose members run on nodes that can be tainted, cordoned and drained: a capability
 * of ensembles on Kubernetes. A scenario with a node fault on an ensemble without it is skipped,
 * with the reason.
 */
public interface NodeHosting {

    /** Node faults whose node is the one hosting a member. */
    NodeFaults nodeFaults();

    /**
     * Refuses (bad input, before anything changes) to {@code kind} the node hosting {@code member}
     * while it also runs other namespaces' pods, unless {@code allowSharedNodes}.
     */
    void refuseSharedNode(String kind, int member, boolean allowSharedNodes);

    /** The ensemble's nodes, or the scenario skipped with the reason: {@code what} needs nodes. */
    static NodeHosting of(FaultSite site, String what) {
        return site.capability(NodeHosting.class).orElseThrow(() -> missing(site, what));
    }

    /** The scenario skipped, with the reason: {@code what} needs nodes, which this target has none of. */
    static RuntimeException missing(FaultSite site, String what) {
        return site.skip(what + " needs Kubernetes nodes; the " + site.targetName() + " target has none");
    }
}
