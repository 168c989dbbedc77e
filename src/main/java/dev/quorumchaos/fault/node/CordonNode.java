package dev.quorumchaos.fault.node;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.fault.Fault;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;

/**
 * Marks the node hosting a member unschedulable, as {@code kubectl cordon} does. Whether it was
 * cordoned before is kept in {@link NodeAnnotations#ORIGINAL_UNSCHEDULABLE} and restored on recover.
 * Pods already on the node keep running; only new ones go elsewhere.
 */
public final class CordonNode implements Fault {

    private final KubernetesClient client;
    private final String node;
    private final int member;
    private final String runId;
    private final String description;

    public CordonNode(KubernetesClient client, String node, int member, String runId, String description) {
        this.client = client;
        this.node = node;
        this.member = member;
        this.runId = runId;
        this.description = description;
    }

    @Override
    public String kind() {
        return "node-cordon";
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<Integer> members() {
        return List.of(member);
    }

    public String node() {
        return node;
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
        Node current = client.nodes().withName(node).get();
        if (current == null || current.getMetadata().getAnnotations() == null
                || !current.getMetadata().getAnnotations().containsKey(NodeAnnotations.ORIGINAL_UNSCHEDULABLE)) {
            return false;
        }
        return NodeEdits.edit(client, node, n -> {
            String recorded = NodeEdits.annotations(n).remove(NodeAnnotations.ORIGINAL_UNSCHEDULABLE);
            if (recorded == null) {
                return n;
            }
            // kubectl uncordon leaves the field unset rather than false; do the same.
            n.getSpec().setUnschedulable(Boolean.parseBoolean(recorded) ? Boolean.TRUE : null);
            NodeEdits.unmarkIfRestored(n);
            return n;
        }).isPresent();
    }
}
