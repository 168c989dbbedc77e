package dev.quorumchaos.fault.node;

import java.util.List;

/**
 * What a node fault writes on the Node it changes, before changing it, so that recovery, the
 * next run and {@code chaos clean} can put the node back even after the harness crashed.
 */
public final class NodeAnnotations {

    /**
     * The taints the harness added, each with the taint of the same key and effect it replaced,
     * if any, as a JSON array: recovery removes exactly these and puts back what they replaced,
     * leaving every other taint (a controller's, another tool's) as it is then.
     */
    public static final String ADDED_TAINTS = "chaos.quorumchaos.dev/added-taints";

    /**
     * The node's taints before the first taint fault, as a JSON array: what versions before
     * {@link #ADDED_TAINTS} wrote, still restored for nodes a crashed run of them left.
     */
    public static final String ORIGINAL_TAINTS = "chaos.quorumchaos.dev/original-taints";

    /** {@code true} or {@code false}: whether the node was cordoned before the first cordon or drain. */
    public static final String ORIGINAL_UNSCHEDULABLE = "chaos.quorumchaos.dev/original-unschedulable";

    /**
     * How the harness stopped the node's kubelet ({@code fault.nodeloss}), while it is stopped:
     * the next run, or {@code chaos clean}, starts it again when the run that stopped it is gone.
     */
    public static final String KUBELET_STOPPED = "chaos.quorumchaos.dev/kubelet-stopped";

    /** The run that changed the node; {@code chaos clean} spares nodes of runs still alive. */
    public static final String RUN = "chaos.quorumchaos.dev/run";

    /** Every annotation that holds something to put back. */
    public static final List<String> RESTORABLE = List.of(ADDED_TAINTS, ORIGINAL_TAINTS, ORIGINAL_UNSCHEDULABLE, KUBELET_STOPPED);

    private NodeAnnotations() {
    }
}
