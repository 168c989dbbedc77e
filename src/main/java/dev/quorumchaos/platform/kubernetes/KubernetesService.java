package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ensemble.RoleProbe;

/**
 * A service's part on Kubernetes. Today the platform deploys the ZooKeeper manifests and relays
 * each member's status text from inside its pod (the {@code chaos-net} sidecar); the service reads
 * that text as a role. Manifests, the container to signal and the status command become parts of
 * this interface when a second service is deployed here.
 */
@FunctionalInterface
public interface KubernetesService {

    /** The member's status, as the in-pod stream relays it, read as a role. */
    RoleProbe.Answer role(String status);
}
