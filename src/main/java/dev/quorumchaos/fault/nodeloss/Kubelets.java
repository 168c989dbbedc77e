package dev.quorumchaos.fault.nodeloss;

import java.util.Optional;

/**
 * How a platform stops and starts the kubelet of a node: what losing a node means there. A
 * capability of the platform, not of the ensemble: on k3s the harness owns the node containers,
 * on someone else's cluster it can only run what the user gives it.
 */
public interface Kubelets {

    /** How a node is lost here, for the progress output and the report, e.g. "docker pause of its k3s agent container". */
    String how();

    /**
     * Why this platform refuses to lose nodes, said before anything changes (bad input), or empty
     * when it will: a cluster the harness did not create, without {@code --allow-node-loss}.
     */
    Optional<String> refusal();

    /**
     * Why {@code node} cannot be lost here although others could, or empty: the scenario is then
     * skipped with the reason, e.g. k3s' server node, which also runs the control plane.
     */
    Optional<String> cannotLose(String node);

    /** Stops the node's kubelet; the node stops reporting to the control plane. */
    void stop(String node);

    /** Starts it again; a no-op when it runs. Idempotent: recovery, Ctrl-C and the next run may each call it. */
    void start(String node);
}
