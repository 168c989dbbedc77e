package dev.quorumchaos.fault.node;

/**
 * What a node fault writes on the Node it changes, before changing it, so that recovery, the
 * next run and {@code chaos clean} can put the node back even after the harness crashed.
 */
public final class NodeAnnotations {

    /** The node's taints before the first taint fault, as a JSON array. */
    public static final String ORIGINAL_TAINTS = "chaos.quorumchaos.dev/original-taints";

    /** {@code true} or {@code false}: whether the node was cordoned before the first cordon or drain. */
    public static final String ORIGINAL_UNSCHEDULABLE = "chaos.quorumchaos.dev/original-unschedulable";

    /** The run that changed the node; {@code chaos clean} spares nodes of runs still alive. */
    public static final String RUN = "chaos.quorumchaos.dev/run";

    private NodeAnnotations() {
    }
}
