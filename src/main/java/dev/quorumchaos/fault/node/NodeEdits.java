package dev.quorumchaos.fault.node;

import dev.quorumchaos.ChaosException;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.net.HttpURLConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Edits of a Node that are safe beside the node controllers, which change nodes too (the
 * node-lifecycle controller adds and removes taints as conditions and cordons change). Each edit
 * reads the node, changes that copy, and writes it back with the resourceVersion it read
 * (optimistic locking, a PUT): when the node changed in between, the API server answers 409 and
 * the edit is made again on the node as it is now, as client-go's RetryOnConflict does. A node
 * that is gone is nothing to do, as recovery must treat it.
 */
public final class NodeEdits {

    /** client-go's DefaultRetry makes 5 attempts; a node is seldom edited faster than that. */
    static final int ATTEMPTS = 5;

    private NodeEdits() {
    }

    /** Applies {@code change} to the node; empty when the node does not exist (any more). */
    public static Optional<Node> edit(KubernetesClient client, String node, UnaryOperator<Node> change) {
        String lastConflict = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Node current = client.nodes().withName(node).get();
            if (current == null) {
                return Optional.empty();
            }
            Node changed = change.apply(current);
            if (changed.getMetadata().getResourceVersion() == null) {
                throw new IllegalStateException("an edit of node " + node + " lost its resourceVersion");
            }
            try {
                return Optional.of(client.nodes().resource(changed).update());
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                    return Optional.empty();
                }
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                lastConflict = e.getMessage();
            }
        }
        throw new ChaosException("node " + node + " kept changing under the harness's edit: " + ATTEMPTS
                + " updates in a row were refused with 409 Conflict, the last: " + lastConflict);
    }

    /**
     * Puts back what {@code annotation} recorded on the node: removes it and hands its value to
     * {@code putBack}. A no-op, without a write, when the node or the annotation is gone; returns
     * whether anything was restored.
     */
    public static boolean restore(KubernetesClient client, String node, String annotation, BiConsumer<Node, String> putBack) {
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

    public static Map<String, String> annotations(Node node) {
        if (node.getMetadata().getAnnotations() == null) {
            node.getMetadata().setAnnotations(new HashMap<>());
        }
        return node.getMetadata().getAnnotations();
    }

    /** Marks the node as changed by {@code runId}; the mark goes when no original state is left to restore. */
    public static void markChangedBy(Node node, String runId) {
        annotations(node).put(NodeAnnotations.RUN, runId);
    }

    static void unmarkIfRestored(Node node) {
        Map<String, String> annotations = annotations(node);
        if (NodeAnnotations.RESTORABLE.stream().noneMatch(annotations::containsKey)) {
            annotations.remove(NodeAnnotations.RUN);
        }
    }
}
