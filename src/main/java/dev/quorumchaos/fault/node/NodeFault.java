package dev.quorumchaos.fault.node;

import dev.quorumchaos.fault.Fault;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;

/**
 * A change to the node that hosts one member. What it changes is recorded in an annotation on
 * the node itself, so recovery works from any harness, even after a crash (see {@link NodeEdits}).
 */
public abstract class NodeFault implements Fault {

    protected final KubernetesClient client;
    protected final String node;
    private final int member;
    private final String description;

    protected NodeFault(KubernetesClient client, String node, int member, String description) {
        this.client = client;
        this.node = node;
        this.member = member;
        this.description = description;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<Integer> members() {
        return List.of(member);
    }

    public final String node() {
        return node;
    }
}
