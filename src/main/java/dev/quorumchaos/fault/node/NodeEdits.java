package dev.quorumchaos.fault.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.net.HttpURLConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/** Edits of a Node that treat a node that is gone as nothing to do, as recovery must. */
final class NodeEdits {

    private NodeEdits() {
    }

    /** Applies {@code change} to the node; empty when the node does not exist (any more). */
    static Optional<Node> edit(KubernetesClient client, String node, UnaryOperator<Node> change) {
        if (client.nodes().withName(node).get() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(client.nodes().withName(node).edit(change));
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Puts back what {@code annotation} recorded on the node: removes it and hands its value to
     * {@code putBack}. A no-op, without a write, when the node or the annotation is gone; returns
     * whether anything was restored.
     */
    static boolean restore(KubernetesClient client, String node, String annotation, BiConsumer<Node, String> putBack) {
        Node current = client.nodes().withName(node).get();
        if (current == null || current.getMetadata().getAnnotations() == null
                || !current.getMetadata().getAnnotations().containsKey(annotation)) {
            return false;
        }
        return edit(client, node, n -> {
            String recorded = annotations(n).remove(annotation);
            if (recorded != null) {
                putBack.accept(n, recorded);
                unmarkIfRestored(n);
            }
            return n;
        }).isPresent();
    }

    static Map<String, String> annotations(Node node) {
        if (node.getMetadata().getAnnotations() == null) {
            node.getMetadata().setAnnotations(new HashMap<>());
        }
        return node.getMetadata().getAnnotations();
    }

    /** Marks the node as changed by {@code runId}; the mark goes when no original state is left to restore. */
    static void markChangedBy(Node node, String runId) {
        annotations(node).put(NodeAnnotations.RUN, runId);
    }

    static void unmarkIfRestored(Node node) {
        Map<String, String> annotations = annotations(node);
        if (!annotations.containsKey(NodeAnnotations.ORIGINAL_TAINTS)
                && !annotations.containsKey(NodeAnnotations.ORIGINAL_UNSCHEDULABLE)) {
            annotations.remove(NodeAnnotations.RUN);
        }
    }
}
