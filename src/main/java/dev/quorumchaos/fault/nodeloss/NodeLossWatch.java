package dev.quorumchaos.fault.nodeloss;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Watches, by polling, what Kubernetes does about a node whose kubelet stopped, and says each
 * step once, with the time since the node was lost:
 * <ol>
 *   <li>the node controller hears nothing for its grace period ({@code --node-monitor-grace-period}
 *       of kube-controller-manager, 40 s by default, 50 s in newer releases) and sets the node's
 *       Ready condition to Unknown (NotReady);</li>
 *   <li>it taints the node {@code node.kubernetes.io/unreachable:NoExecute};</li>
 *   <li>each pod tolerates that taint for its {@code tolerationSeconds} (300 s, added by the
 *       DefaultTolerationSeconds admission plugin when the pod sets none), then the taint-eviction
 *       controller deletes it: it gets a deletionTimestamp but stays, Terminating, because only the
 *       kubelet, now gone, can confirm its containers stopped;</li>
 *   <li>the StatefulSet controller does not replace it: a StatefulSet runs at most one pod per
 *       identity, and the old one may still run (the node may be partitioned, not down).</li>
 * </ol>
 * A pod that is gone (force-deleted, or removed by the kubelet once back) and a replacement with
 * the same name that becomes Ready are said too. Each step is a window in the history ({@link Reactions}).
 */
final class NodeLossWatch {

    static final String UNREACHABLE = "node.kubernetes.io/unreachable";

    private final LosableNodes cluster;
    private final String node;
    private final Reactions reactions;
    private final Consumer<String> say;
    private final Instant lostAt;
    /** Pod name to the uid of the pod that was on the lost node. */
    private final Map<String, String> podsOnNode = new HashMap<>();
    private final Set<String> replacementsReady = new HashSet<>();
    private Instant notReadyAt;
    private Instant taintedAt;
    /** What happened and when, since the node was lost: the account the member's absence closes with. */
    private final List<String> milestones = new java.util.ArrayList<>();

    NodeLossWatch(LosableNodes cluster, String node, Reactions reactions, Consumer<String> say, Instant lostAt) {
        this.cluster = cluster;
        this.node = node;
        this.reactions = reactions;
        this.say = say;
        this.lostAt = lostAt;
    }

    /** Looks once; says and records what changed since the last look. */
    synchronized void poll() {
        Node n = cluster.client().nodes().withName(node).get();
        if (n == null) {
            reactions.closeAll("node " + node + " was deleted");
            return;
        }
        Optional<NodeCondition> ready = ready(n);
        boolean isReady = ready.map(c -> "True".equals(c.getStatus())).orElse(false);
        if (!isReady && notReadyAt == null) {
            notReadyAt = Instant.now();
            String why = ready.map(c -> c.getStatus() + (c.getReason() == null ? "" : ", " + c.getReason())
                    + (c.getMessage() == null ? "" : ": " + c.getMessage())).orElse("no Ready condition");
            say.accept("node " + node + " NotReady " + since() + " after it was lost (Ready=" + why + "): the node"
                    + " controller heard nothing for its grace period (--node-monitor-grace-period)");
            milestones.add("NotReady " + since());
            reactions.open("not-ready", "node-not-ready", "node " + node + " NotReady (Ready=" + ready.map(NodeCondition::getStatus)
                    .orElse("none") + "): its kubelet stopped posting status");
        } else if (isReady && notReadyAt != null) {
            notReadyAt = null;
            say.accept("node " + node + " Ready again " + since() + " after it was lost");
            milestones.add("Ready " + since());
            reactions.close("not-ready", "Ready again");
        }
        Optional<Taint> unreachable = taints(n).stream()
                .filter(t -> UNREACHABLE.equals(t.getKey()) && "NoExecute".equals(t.getEffect())).findFirst();
        if (unreachable.isPresent() && taintedAt == null) {
            taintedAt = Instant.now();
            say.accept("node " + node + " tainted " + UNREACHABLE + ":NoExecute by the node controller " + since()
                    + " after it was lost: its pods are deleted once their tolerationSeconds for it run out"
                    + tolerations());
            milestones.add("tainted unreachable " + since());
            reactions.open("unreachable", "node-unreachable-taint", "taint " + UNREACHABLE + ":NoExecute on node " + node
                    + " (the node controller's)");
        } else if (unreachable.isEmpty() && taintedAt != null) {
            taintedAt = null;
            say.accept("node " + node + ": the node controller removed the " + UNREACHABLE + " taint " + since()
                    + " after it was lost");
            reactions.close("unreachable", "removed by the node controller");
        }
        pods();
    }

    private void pods() {
        List<Pod> pods = cluster.client().pods().inNamespace(cluster.namespace()).list().getItems();
        for (Pod p : pods) {
            String name = p.getMetadata().getName();
            String uid = p.getMetadata().getUid();
            if (node.equals(p.getSpec().getNodeName())) {
                podsOnNode.putIfAbsent(name, uid);
            }
            if (uid.equals(podsOnNode.get(name)) && p.getMetadata().getDeletionTimestamp() != null
                    && reactions.open("terminating/" + name, "pod-terminating", "pod " + name + " Terminating on lost node "
                    + node + ", not replaced")) {
                milestones.add(name + " Terminating " + since());
                say.accept("pod " + name + " marked for deletion " + since() + " after the node was lost (deletionTimestamp "
                        + p.getMetadata().getDeletionTimestamp() + "): it stays Terminating while the kubelet is gone,"
                        + " and the StatefulSet does not replace it, since it runs at most one pod per identity");
            }
            boolean replacement = podsOnNode.containsKey(name) && !uid.equals(podsOnNode.get(name));
            if (replacement && ready(p) && replacementsReady.add(uid)) {
                say.accept("pod " + name + " replaced: the new one is Ready on node " + p.getSpec().getNodeName() + " "
                        + since() + " after the node was lost");
                milestones.add("new " + name + " Ready on node " + p.getSpec().getNodeName() + " " + since());
                reactions.close("force-delete/" + name, "replacement Ready on node " + p.getSpec().getNodeName());
                reactions.close("away", "back as a new " + name + " on node " + p.getSpec().getNodeName() + " " + since()
                        + " after its node was lost: " + account());
            }
        }
        for (var entry : podsOnNode.entrySet()) {
            boolean gone = pods.stream().noneMatch(p -> p.getMetadata().getUid().equals(entry.getValue()));
            if (gone && reactions.isOpen("terminating/" + entry.getKey())) {
                say.accept("pod " + entry.getKey() + " from node " + node + " is gone " + since() + " after the node was lost");
                milestones.add(entry.getKey() + " gone " + since());
                reactions.close("terminating/" + entry.getKey(), "pod object removed");
            }
        }
    }

    /** Records a step of the harness's own (a force deletion) in the account. */
    synchronized void milestone(String what) {
        milestones.add(what + " " + since());
    }

    /** What happened since the node was lost, in order, e.g. "NotReady +41.0 s, tainted unreachable +41.2 s, ...". */
    synchronized String account() {
        return milestones.isEmpty() ? "nothing seen yet" : String.join(", ", milestones);
    }

    /** The run's pods on the lost node now, by name, to force-delete: Terminating or not. */
    synchronized List<Pod> podsStillOnNode() {
        return cluster.client().pods().inNamespace(cluster.namespace()).list().getItems().stream()
                .filter(p -> node.equals(p.getSpec().getNodeName())).toList();
    }

    /** Whether the node is Ready, untainted by the node controller, and holds no Terminating pod of the run. */
    synchronized boolean settled() {
        Node n = cluster.client().nodes().withName(node).get();
        if (n == null) {
            return true;
        }
        boolean tainted = taints(n).stream().anyMatch(t -> UNREACHABLE.equals(t.getKey()));
        boolean terminating = podsStillOnNode().stream().anyMatch(p -> p.getMetadata().getDeletionTimestamp() != null);
        return ready(n).map(c -> "True".equals(c.getStatus())).orElse(false) && !tainted && !terminating;
    }

    synchronized boolean nodeReady() {
        Node n = cluster.client().nodes().withName(node).get();
        return n != null && ready(n).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    String since() {
        return "+" + seconds(Duration.between(lostAt, Instant.now()));
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** The run's pods' tolerationSeconds for the unreachable taint, as they were on the node. */
    private String tolerations() {
        StringBuilder out = new StringBuilder();
        for (Pod p : podsStillOnNode()) {
            List<Toleration> tolerations = p.getSpec().getTolerations() == null ? List.of() : p.getSpec().getTolerations();
            Optional<Toleration> toleration = tolerations.stream()
                    .filter(t -> UNREACHABLE.equals(t.getKey()) && (t.getEffect() == null || "NoExecute".equals(t.getEffect())))
                    .findFirst();
            out.append(out.length() == 0 ? " (" : ", ").append(p.getMetadata().getName()).append(": ")
                    .append(toleration.map(t -> t.getTolerationSeconds() == null ? "tolerates it for ever"
                            : "tolerationSeconds " + t.getTolerationSeconds()).orElse("no toleration for it: deleted at once"));
        }
        return out.length() == 0 ? "" : out.append(")").toString();
    }

    private static Optional<NodeCondition> ready(Node n) {
        if (n.getStatus() == null || n.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return n.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }

    private static boolean ready(Pod p) {
        return p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null && p.getStatus().getConditions() != null
                && p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static List<Taint> taints(Node n) {
        return n.getSpec() == null || n.getSpec().getTaints() == null ? List.of() : n.getSpec().getTaints();
    }
}
