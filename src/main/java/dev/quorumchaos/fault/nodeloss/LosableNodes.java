package dev.quorumchaos.fault.nodeloss;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * An ensemble whose members run as pods on Kubernetes nodes, seen as a node loss needs it: the
 * cluster to watch, where the pods are, and what each member's pod is called.
 */
public interface LosableNodes {

    KubernetesClient client();

    /** The namespace of the ensemble's pods. */
    String namespace();

    /** The run that deployed the ensemble; written on the nodes it changes. */
    String runId();

    /** The node member {@code ordinal} runs on now; throws when its pod is not placed. */
    String nodeOf(int ordinal);

    /** The name of member {@code ordinal}'s pod, e.g. {@code zk-1}: the StatefulSet's identity for it. */
    String podName(int ordinal);
}
