package dev.quorumchaos.platform.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When a k3s cluster is ready for members: its server node Ready and carrying
 * {@link K3sNodeContainers#SERVER_TAINT} (so no member lands on it), and every agent Ready and
 * schedulable, one per member. What is still missing is said per node, for the error a start
 * that takes too long ends with.
 */
final class K3sNodeReadiness {

    private static final String TAINT_KEY = K3sNodeContainers.SERVER_TAINT.substring(0,
            K3sNodeContainers.SERVER_TAINT.indexOf(':'));
    private static final String TAINT_EFFECT = K3sNodeContainers.SERVER_TAINT.substring(
            K3sNodeContainers.SERVER_TAINT.indexOf(':') + 1);

    private K3sNodeReadiness() {
    }

    /**
     * @param nodes  the cluster's Nodes as the API server lists them
     * @param server the server's node name
     * @param agents the agents' node names
     * @return each node not ready yet, with what it lacks, in the order given; empty when all are
     */
    static Map<String, String> waitingFor(List<Node> nodes, String server, List<String> agents) {
        Map<String, String> waiting = new LinkedHashMap<>();
        Optional<Node> serverNode = named(nodes, server);
        if (serverNode.isEmpty()) {
            waiting.put(server, "server node not registered yet");
        } else if (!ready(serverNode.get())) {
            waiting.put(server, "server node not Ready");
        } else if (!tainted(serverNode.get())) {
            // k3s registers the node with its taints; Ready without it, members could land on the control plane
            waiting.put(server, "server node Ready without its taint " + K3sNodeContainers.SERVER_TAINT
                    + ": members could be placed on it");
        }
        for (String agent : agents) {
            Optional<Node> node = named(nodes, agent);
            if (node.isEmpty()) {
                waiting.put(agent, "agent not registered yet");
            } else if (!KubernetesTarget.schedulable(node.get())) {
                waiting.put(agent, ready(node.get()) ? "agent Ready but not schedulable (cordoned or tainted)"
                        : "agent not Ready");
            }
        }
        return waiting;
    }

    private static Optional<Node> named(List<Node> nodes, String name) {
        return nodes.stream().filter(n -> name.equals(n.getMetadata().getName())).findFirst();
    }

    private static boolean ready(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static boolean tainted(Node node) {
        List<Taint> taints = node.getSpec() == null ? null : node.getSpec().getTaints();
        return taints != null && taints.stream().anyMatch(t -> TAINT_KEY.equals(t.getKey()) && TAINT_EFFECT.equals(t.getEffect()));
    }
}
