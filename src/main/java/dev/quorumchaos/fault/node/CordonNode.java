package dev.quorumchaos.fault.node;

import dev.quorumchaos.ChaosException;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Marks the node hosting a member unschedulable, as {@code kubectl cordon} does. Whether it was
 * cordoned before is kept in {@link NodeAnnotations#ORIGINAL_UNSCHEDULABLE} and restored on recover.
 * Pods already on the node keep running; only new ones go elsewhere.
 */
public final class CordonNode extends NodeFault {

    private final String runId;

    public CordonNode(KubernetesClient client, String node, int member, String runId, String description) {
        super(client, node, member, description);
        this.runId = runId;
    }

    @Override
    public String kind() {
        return "node-cordon";
    }

    @Override
    public void apply() {
        NodeEdits.edit(client, node, n -> {
            NodeEdits.annotations(n).putIfAbsent(NodeAnnotations.ORIGINAL_UNSCHEDULABLE,
                    String.valueOf(Boolean.TRUE.equals(n.getSpec().getUnschedulable())));
            NodeEdits.markChangedBy(n, runId);
            n.getSpec().setUnschedulable(true);
            return n;
        }).orElseThrow(() -> new ChaosException("cannot cordon node " + node + ": it does not exist"));
    }

    @Override
    public void recover() {
        restore(client, node);
    }

    /** Puts back the recorded schedulability of {@code node}; returns whether anything was restored. */
    public static boolean restore(KubernetesClient client, String node) {
        // kubectl uncordon leaves the field unset rather than false; do the same.
        return NodeEdits.restore(client, node, NodeAnnotations.ORIGINAL_UNSCHEDULABLE, (n, recorded) ->
                n.getSpec().setUnschedulable(Boolean.parseBoolean(recorded) ? Boolean.TRUE : null));
    }
}
