package dev.quorumchaos.fault.node;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.function.IntFunction;

/**
 * Builds node faults from a member ordinal: the node is the one hosting the member when the
 * fault is built, and the description names both.
 */
public final class NodeFaults {

    public static final Duration DEFAULT_DRAIN_DEADLINE = Duration.ofSeconds(60);
    /** The first wait after a refused eviction; it doubles up to kubectl's 5 s. A scenario wants to see the release sooner. */
    public static final Duration DEFAULT_EVICTION_RETRY = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final String runId;
    private final IntFunction<String> nodeOfMember;
    private final EvictionLog evictions;

    /**
     * @param nodeOfMember the node a member's pod runs on; throws when it runs on none
     * @param evictions    where drains record their eviction attempts
     */
    public NodeFaults(KubernetesClient client, String runId, IntFunction<String> nodeOfMember, EvictionLog evictions) {
        this.client = client;
        this.runId = runId;
        this.nodeOfMember = nodeOfMember;
        this.evictions = evictions;
    }

    /** @param taint as kubectl writes it, e.g. {@code chaos=true:NoExecute} */
    public TaintNode taint(int member, String taint) {
        NodeTaint parsed = NodeTaint.parse(taint);
        String node = nodeOfMember.apply(member);
        return new TaintNode(client, node, parsed, member, runId,
                "taint " + parsed + " on node " + node + " (hosting member " + member + ")");
    }

    public CordonNode cordon(int member) {
        String node = nodeOfMember.apply(member);
        return new CordonNode(client, node, member, runId, "cordon node " + node + " (hosting member " + member + ")");
    }

    public DrainNode drain(int member) {
        return drain(member, DrainOptions.defaults());
    }

    public DrainNode drain(int member, Duration timeout) {
        DrainOptions defaults = DrainOptions.defaults();
        return drain(member, new DrainOptions(defaults.force(), defaults.deleteEmptyDirData(), timeout));
    }

    public DrainNode drain(int member, DrainOptions options) {
        String node = nodeOfMember.apply(member);
        return new DrainNode(client, node, member, runId, options, DEFAULT_EVICTION_RETRY, evictions,
                "drain node " + node + " (hosting member " + member + ")");
    }
}
