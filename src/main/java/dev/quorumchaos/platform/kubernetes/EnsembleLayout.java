package dev.quorumchaos.platform.kubernetes;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.util.Map;

/**
 * Names the harness derives from the rendered manifests instead of assuming them: pods are
 * {@code <statefulSet>-<ordinal>}, claims {@code <claimTemplate>-<statefulSet>-<ordinal>}.
 */
record EnsembleLayout(String namespace, String runId, String statefulSet, String claimTemplate, String zookeeperContainer,
                      String pdb, Map<String, String> selector, boolean helper) {

    static EnsembleLayout of(StatefulSet statefulSet, PodDisruptionBudget budget, String namespace, String runId) {
        return new EnsembleLayout(namespace, runId, statefulSet.getMetadata().getName(),
                statefulSet.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName(),
                ZooKeeperManifests.zookeeperContainer(statefulSet).getName(),
                budget.getMetadata().getName(),
                Map.copyOf(statefulSet.getSpec().getSelector().getMatchLabels()),
                statefulSet.getSpec().getTemplate().getSpec().getContainers().stream()
                        .anyMatch(c -> ZooKeeperManifests.PARTITION_HELPER.equals(c.getName())));
    }

    /**
     * Where the role observer's stream runs: the {@code chaos-net} sidecar, which lives as long as
     * the pod; without it (manifests edited to drop it), ZooKeeper's own container, whose stream
     * ends with every restart of it.
     */
    String observerContainer() {
        return helper ? ZooKeeperManifests.PARTITION_HELPER : zookeeperContainer;
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
