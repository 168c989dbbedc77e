package dev.quorumchaos.fault.node;

import dev.quorumchaos.fault.FaultKind;
import dev.quorumchaos.fault.FaultSite;

/** What the node fault kinds share: they hit the node hosting a member, on ensembles with {@link NodeHosting}. */
abstract class NodeKind implements FaultKind {

    @Override
    public final Victim victim() {
        return Victim.NODE;
    }

    /**
     * The node faults for the node hosting {@code member}: skips where there are no nodes, and on a
     * cluster the harness did not create refuses a node that other people's pods share.
     */
    final NodeFaults nodesHosting(FaultSite site, int member) {
        NodeHosting hosts = NodeHosting.of(site, name() + " a node");
        hosts.refuseSharedNode(name(), member, site.allowsSharedNodes());
        return hosts.nodeFaults();
    }
}
