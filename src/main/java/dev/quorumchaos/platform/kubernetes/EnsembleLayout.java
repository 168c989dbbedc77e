package dev.quorumchaos.platform.kubernetes;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.util.Map;

/**
 * Names the harness derives from the rendered manifests instead of assuming them: pods are
 * {@code <statefulSet>-<ordinal>}, claims {@code <claimTemplate>-<statefulSet>-<ordinal>}, and
 * members reach each other as {@code <pod>.<peerService>}, the StatefulSet's governing Service.
 */
record EnsembleLayout(String namespace, String runId, String statefulSet, String claimTemplate, String serverContainer,
                      String pdb, Map<String, String> selector, boolean helper, String peerService) {

    /** The sidecar that cuts and slows links, streams the members' status, and signals a server whose image has no shell. */
    static final String HELPER = "chaos-net";

    static EnsembleLayout of(StatefulSet statefulSet, PodDisruptionBudget budget, String serverContainer, String namespace,
                             String runId) {
        return new EnsembleLayout(namespace, runId, statefulSet.getMetadata().getName(),
                statefulSet.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName(),
                serverContainer,
                budget.getMetadata().getName(),
                Map.copyOf(statefulSet.getSpec().getSelector().getMatchLabels()),
                statefulSet.getSpec().getTemplate().getSpec().getContainers().stream()
                        .anyMatch(c -> HELPER.equals(c.getName())),
                statefulSet.getSpec().getServiceName());
    }

    /**
     * Where the role observer's stream runs: the {@code chaos-net} sidecar, which lives as long as
     * the pod; without it (manifests edited to drop it), the server's own container, whose stream
     * ends with every restart of it.
     */
    String observerContainer() {
        return helper ? HELPER : serverContainer;
    }

    /** Where a script signalling the server runs: the container {@code process} names, else the server's own. */
    String signallingContainer(ServerProcess process) {
        return process.container() == null ? serverContainer : process.container();
    }

    String pod(int ordinal) {
        return statefulSet + "-" + ordinal;
    }

    String claim(int ordinal) {
        return claimTemplate + "-" + pod(ordinal);
    }

    /** The ordinal of a pod of this StatefulSet, or -1 for any other pod. */
    int ordinalOf(String podName) {
        String prefix = statefulSet + "-";
        if (!podName.startsWith(prefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(podName.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
