package dev.quorumchaos.fault.node;

import dev.quorumchaos.ChaosException;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import tools.jackson.core.type.TypeReference;

import java.util.ArrayList;
import java.util.List;

/**
 * Taints the node that hosts a member. Before the first change the node's taints are kept in
 * the {@link NodeAnnotations#ORIGINAL_TAINTS} annotation; recovery puts them back and removes it,
 * so applying twice is safe and recovery works after a crash of the harness.
 */
public final class TaintNode extends NodeFault {

    /** Taints that controllers add and remove as conditions change; recovery leaves them to them. */
    private static final List<String> CONTROLLER_PREFIXES = List.of("node.kubernetes.io/", "node.cloudprovider.kubernetes.io/");

    private final NodeTaint taint;
    private final String runId;

    public TaintNode(KubernetesClient client, String node, NodeTaint taint, int member, String runId, String description) {
        super(client, node, member, description);
        this.taint = taint;
        this.runId = runId;
    }

    @Override
    public String kind() {
        return "node-taint";
    }

    @Override
    public void apply() {
        NodeEdits.edit(client, node, n -> {
            List<Taint> taints = n.getSpec().getTaints() == null ? new ArrayList<>() : new ArrayList<>(n.getSpec().getTaints());
            NodeEdits.annotations(n).putIfAbsent(NodeAnnotations.ORIGINAL_TAINTS, client.getKubernetesSerialization().asJson(taints));
            NodeEdits.markChangedBy(n, runId);
            taints.removeIf(taint::sameAs);
            taints.add(taint.toTaint());
            n.getSpec().setTaints(taints);
            return n;
        }).orElseThrow(() -> new ChaosException("cannot taint node " + node + ": it does not exist"));
    }

    @Override
    public void recover() {
        restore(client, node);
    }

    /**
     * Puts back the taints recorded on {@code node}; a no-op when none are recorded or the node is
     * gone. Returns whether anything was restored.
     */
    public static boolean restore(KubernetesClient client, String node) {
        return NodeEdits.restore(client, node, NodeAnnotations.ORIGINAL_TAINTS, (n, recorded) -> {
            List<Taint> restored = new ArrayList<>(client.getKubernetesSerialization()
                    .unmarshal(recorded, new TypeReference<List<Taint>>() { }));
            if (n.getSpec().getTaints() != null) {
                for (Taint t : n.getSpec().getTaints()) {
                    boolean controllers = CONTROLLER_PREFIXES.stream().anyMatch(p -> t.getKey().startsWith(p));
                    boolean known = restored.stream().anyMatch(r -> r.getKey().equals(t.getKey()) && r.getEffect().equals(t.getEffect()));
                    if (controllers && !known) {
                        restored.add(t);
                    }
                }
            }
            n.getSpec().setTaints(restored);
        });
    }
}
