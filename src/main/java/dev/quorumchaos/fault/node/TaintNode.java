package dev.quorumchaos.fault.node;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.fault.Fault;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import tools.jackson.core.type.TypeReference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Taints the node that hosts a member. Before the first change the node's taints are kept in
 * the {@link NodeAnnotations#ORIGINAL_TAINTS} annotation; recovery puts them back and removes it,
 * so applying twice is safe and recovery works after a crash of the harness.
 */
public final class TaintNode implements Fault {

    /** Taints that controllers add and remove as conditions change; recovery leaves them to them. */
    private static final List<String> CONTROLLER_PREFIXES = List.of("node.kubernetes.io/", "node.cloudprovider.kubernetes.io/");

    private final KubernetesClient client;
    private final String node;
    private final NodeTaint taint;
    private final int member;
    private final String runId;
    private final String description;

    public TaintNode(KubernetesClient client, String node, NodeTaint taint, int member, String runId, String description) {
        this.client = client;
        this.node = node;
        this.taint = taint;
        this.member = member;
        this.runId = runId;
        this.description = description;
    }

    @Override
    public String kind() {
        return "node-taint";
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
        Node current = client.nodes().withName(node).get();
        if (current == null || current.getMetadata().getAnnotations() == null
                || !current.getMetadata().getAnnotations().containsKey(NodeAnnotations.ORIGINAL_TAINTS)) {
            return false;
        }
        return NodeEdits.edit(client, node, n -> {
            Map<String, String> annotations = NodeEdits.annotations(n);
            String recorded = annotations.remove(NodeAnnotations.ORIGINAL_TAINTS);
            if (recorded == null) {
                return n;
            }
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
            NodeEdits.unmarkIfRestored(n);
            return n;
        }).isPresent();
    }
}
