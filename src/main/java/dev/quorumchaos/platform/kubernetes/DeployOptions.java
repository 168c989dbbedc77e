package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.settings.RunSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a scenario may change about a Kubernetes deployment beyond the {@code EnsembleSpec}.
 *
 * @param maxUnavailable       the PodDisruptionBudget's maxUnavailable: the scenario's budget
 * @param requiredAntiAffinity one member per node, enforced (the default); false makes it a
 *                             preference, for clusters with fewer nodes than members
 * @param startTimeout         how long members may take to run, image pulls included
 * @param manifests            the manifests: a directory with one subdirectory per service
 *                             ({@code zookeeper/}, {@code etcd/}), or one service's own
 */
public record DeployOptions(int maxUnavailable, boolean requiredAntiAffinity, Duration startTimeout, Path manifests) {

    public static final Path DEFAULT_MANIFESTS = Path.of("harness", "kubernetes");

    public DeployOptions {
        if (maxUnavailable < 0) {
            throw new IllegalArgumentException("maxUnavailable cannot be negative: " + maxUnavailable);
        }
    }

    /** maxUnavailable 1 and required anti-affinity, as in the kubernetes.io ZooKeeper tutorial. */
    public static DeployOptions defaults() {
        return new DeployOptions(1, true, Duration.ofMinutes(5), DEFAULT_MANIFESTS);
    }

    /** The defaults, with the manifests {@code --manifests} (or {@code chaos.manifests}) named. */
    public static DeployOptions from(RunSettings settings) {
        return settings.manifests() == null ? defaults() : defaults().withManifests(settings.manifests());
    }

    /**
     * The directory of {@code service}'s manifests: its subdirectory of {@link #manifests()}, or
     * that directory itself when it has none (one service's own manifests, as {@code --manifests}
     * named them before there were two services).
     */
    public Path manifestsFor(KubernetesService service) {
        Path own = manifests.resolve(service.manifestDirectory());
        return Files.isDirectory(own) ? own : manifests;
    }

    public DeployOptions withMaxUnavailable(int budget) {
        return new DeployOptions(budget, requiredAntiAffinity, startTimeout, manifests);
    }

    public DeployOptions withRequiredAntiAffinity(boolean required) {
        return new DeployOptions(maxUnavailable, required, startTimeout, manifests);
    }

    public DeployOptions withStartTimeout(Duration timeout) {
        return new DeployOptions(maxUnavailable, requiredAntiAffinity, timeout, manifests);
    }

    public DeployOptions withManifests(Path directory) {
        return new DeployOptions(maxUnavailable, requiredAntiAffinity, startTimeout, directory);
    }
}
