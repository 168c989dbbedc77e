package dev.quorumchaos.fault.node;

import dev.quorumchaos.ChaosException;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.core.type.TypeReference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Taints the node that hosts a member. Before the change, the taint it adds and the one of the
 * same key and effect it replaces (if any) are recorded in the {@link NodeAnnotations#ADDED_TAINTS}
 * annotation on the node; recovery removes exactly that taint and puts back what it replaced, so
 * taints that controllers or people added meanwhile stay, applying twice is safe, and recovery
 * works after a crash of the harness.
 */
public final class TaintNode extends NodeFault {

    private static final TypeReference<List<Map<String, Taint>>> RECORDS = new TypeReference<>() { };

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

    public NodeTaint taint() {
        return taint;
    }

    @Override
    public void apply() {
        KubernetesSerialization json = client.getKubernetesSerialization();
        NodeEdits.edit(client, node, n -> {
            List<Taint> taints = n.getSpec().getTaints() == null ? new ArrayList<>() : new ArrayList<>(n.getSpec().getTaints());
            List<Map<String, Taint>> added = recorded(json, n);
            Taint replaced = taints.stream().filter(taint::sameAs).findFirst().orElse(null);
            Map<String, Taint> earlier = added.stream().filter(r -> taint.sameAs(r.get("added"))).findFirst().orElse(null);
            if (earlier != null) {
                // applied again: what it replaced the first time is what recovery puts back
                earlier.put("added", taint.toTaint());
            } else {
                Map<String, Taint> record = new LinkedHashMap<>();
                record.put("added", taint.toTaint());
                record.put("replaced", replaced);
                added.add(record);
            }
            NodeEdits.annotations(n).put(NodeAnnotations.ADDED_TAINTS, json.asJson(added));
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

    private static List<Map<String, Taint>> recorded(KubernetesSerialization json, Node node) {
        String value = NodeEdits.annotations(node).get(NodeAnnotations.ADDED_TAINTS);
        return value == null ? new ArrayList<>() : new ArrayList<>(json.unmarshal(value, RECORDS));
    }

    /**
     * Removes the taints the harness added to {@code node} and puts back those they replaced; a
     * no-op when none are recorded or the node is gone. Returns whether anything was restored.
     * A node left by an older harness, which kept a snapshot of every taint instead, gets that
     * snapshot back, keeping the taints controllers own.
     */
    public static boolean restore(KubernetesClient client, String node) {
        KubernetesSerialization json = client.getKubernetesSerialization();
        boolean added = NodeEdits.restore(client, node, NodeAnnotations.ADDED_TAINTS, (n, value) -> {
            List<Taint> taints = n.getSpec().getTaints() == null ? new ArrayList<>() : new ArrayList<>(n.getSpec().getTaints());
            for (Map<String, Taint> record : json.unmarshal(value, RECORDS)) {
                Taint ours = record.get("added");
                taints.removeIf(t -> same(t, ours) && Objects.equals(blank(t.getValue()), blank(ours.getValue())));
                Taint replaced = record.get("replaced");
                if (replaced != null && taints.stream().noneMatch(t -> same(t, replaced))) {
                    taints.add(replaced);
                }
            }
            n.getSpec().setTaints(taints);
        });
        boolean snapshot = NodeEdits.restore(client, node, NodeAnnotations.ORIGINAL_TAINTS, (n, recorded) -> {
            List<Taint> restored = new ArrayList<>(json.unmarshal(recorded, new TypeReference<List<Taint>>() { }));
            if (n.getSpec().getTaints() != null) {
                for (Taint t : n.getSpec().getTaints()) {
                    if (NodeTaint.controllerOwned(t.getKey()) && restored.stream().noneMatch(r -> same(r, t))) {
                        restored.add(t);
                    }
                }
            }
            n.getSpec().setTaints(restored);
        });
        return added || snapshot;
    }

    private static boolean same(Taint a, Taint b) {
        return a.getKey().equals(b.getKey()) && a.getEffect().equals(b.getEffect());
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }
}
