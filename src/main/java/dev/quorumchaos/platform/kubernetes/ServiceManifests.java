package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.EnsembleSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAntiAffinity;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A service's manifests ({@code harness/kubernetes/zookeeper/}, {@code .../etcd/}, or a team's
 * own), as users apply them with kubectl, rendered for one run: namespace, run label, size,
 * timings and budget set, nothing else. The harness deploys exactly these files.
 */
public final class ServiceManifests {

    private final Path directory;
    private final Map<Path, String> files;
    private final KubernetesService service;
    private final String serviceName;

    private ServiceManifests(Path directory, Map<Path, String> files, KubernetesService service, String serviceName) {
        this.directory = directory;
        this.files = files;
        this.service = service;
        this.serviceName = serviceName;
    }

    /** The manifests in {@code directory}, for {@code service} (named {@code serviceName} in messages). */
    public static ServiceManifests load(Path directory, KubernetesService service, String serviceName) {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw ChaosException.badInput("no " + serviceName + " manifests at " + dir
                    + ": run from the project's root directory or set -Dchaos.manifests=DIR");
        }
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).toList()) {
                files.put(file, Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw ChaosException.badInput("cannot read the " + serviceName + " manifests in " + dir + ": " + e.getMessage(), e);
        }
        return new ServiceManifests(dir, files, service, serviceName);
    }

    /** The values a run sets in the manifests. */
    public record Values(String namespace, String runId, EnsembleSpec spec, int maxUnavailable, boolean requiredAntiAffinity) {
    }

    /** The objects to create, and what the harness needs to know about them to drive members. */
    public record Rendered(List<HasMetadata> objects, EnsembleLayout layout) {
    }

    /** Parses the files afresh (so every run gets its own objects) and sets the run's values. */
    public Rendered render(KubernetesClient client, Values values) {
        List<HasMetadata> objects = parse(client);
        StatefulSet statefulSet = only(objects, StatefulSet.class);
        PodDisruptionBudget budget = only(objects, PodDisruptionBudget.class);
        for (HasMetadata object : objects) {
            object.getMetadata().setNamespace(values.namespace());
            addRunLabel(object.getMetadata(), values.runId());
        }
        budget.getSpec().setMaxUnavailable(new IntOrString(values.maxUnavailable()));
        budget.getSpec().setMinAvailable(null);
        renderStatefulSet(statefulSet, values);
        return new Rendered(objects, EnsembleLayout.of(statefulSet, budget, serverContainer(statefulSet).getName(),
                values.namespace(), values.runId()));
    }

    /** Every image the members' pods run, init containers included: what a node needs to start a member. */
    public Set<String> images(KubernetesClient client) {
        PodSpec pod = only(parse(client), StatefulSet.class).getSpec().getTemplate().getSpec();
        Set<String> images = new TreeSet<>();
        Stream.concat(pod.getInitContainers() == null ? Stream.empty() : pod.getInitContainers().stream(),
                pod.getContainers().stream()).map(Container::getImage).forEach(images::add);
        return images;
    }

    private List<HasMetadata> parse(KubernetesClient client) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Map.Entry<Path, String> file : files.entrySet()) {
            try {
                objects.addAll(client.load(new ByteArrayInputStream(file.getValue().getBytes(StandardCharsets.UTF_8))).items());
            } catch (KubernetesClientException | IllegalArgumentException e) {
                throw ChaosException.badInput("manifest " + file.getKey() + " is not valid Kubernetes YAML: " + e.getMessage(), e);
            }
        }
        return objects;
    }

    private void renderStatefulSet(StatefulSet statefulSet, Values values) {
        EnsembleSpec spec = values.spec();
        statefulSet.getSpec().setReplicas(spec.size());
        addRunLabel(statefulSet.getSpec().getTemplate().getMetadata(), values.runId());
        for (PersistentVolumeClaim claim : statefulSet.getSpec().getVolumeClaimTemplates()) {
            addRunLabel(claim.getMetadata(), values.runId());
        }
        Container server = serverContainer(statefulSet);
        if (spec.version() != null) {
            // the release a scenario names is the image's tag; whether the registry has it shows in the pod's pull
            server.setImage(StatefulSetRollout.withTag(server.getImage(), spec.version()));
        }
        PodSpec pod = statefulSet.getSpec().getTemplate().getSpec();
        List<Container> all = new ArrayList<>(pod.getInitContainers() == null ? List.of() : pod.getInitContainers());
        all.addAll(pod.getContainers());
        service.environment(spec).forEach((name, value) -> {
            List<Container> declaring = all.stream().filter(c -> c.getEnv() != null
                    && c.getEnv().stream().anyMatch(e -> e.getName().equals(name))).toList();
            (declaring.isEmpty() ? List.of(server) : declaring).forEach(c -> setEnv(c, name, value));
        });
        if (!values.requiredAntiAffinity()) {
            relaxAntiAffinity(statefulSet);
        }
    }

    /** Turns each required anti-affinity term into a preference of the highest weight. */
    private static void relaxAntiAffinity(StatefulSet statefulSet) {
        var affinity = statefulSet.getSpec().getTemplate().getSpec().getAffinity();
        if (affinity == null || affinity.getPodAntiAffinity() == null) {
            return;
        }
        PodAntiAffinity anti = affinity.getPodAntiAffinity();
        List<WeightedPodAffinityTerm> preferred = anti.getPreferredDuringSchedulingIgnoredDuringExecution() == null
                ? new ArrayList<>() : new ArrayList<>(anti.getPreferredDuringSchedulingIgnoredDuringExecution());
        for (PodAffinityTerm term : anti.getRequiredDuringSchedulingIgnoredDuringExecution()) {
            preferred.add(new WeightedPodAffinityTerm(term, 100));
        }
        anti.setPreferredDuringSchedulingIgnoredDuringExecution(preferred);
        anti.setRequiredDuringSchedulingIgnoredDuringExecution(List.of());
    }

    /** The container that runs the server: the one exposing the service's client port. */
    Container serverContainer(StatefulSet statefulSet) {
        int port = service.clientPort();
        return statefulSet.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getPorts() != null && c.getPorts().stream().anyMatch(p -> p.getContainerPort() == port))
                .findFirst()
                .orElseThrow(() -> ChaosException.badInput("the StatefulSet in the manifests at " + directory + " has no "
                        + "container exposing port " + port + ", " + serviceName + "'s client port: are they "
                        + serviceName + "'s? (--manifests takes one service's manifests, or a directory with one "
                        + "subdirectory per service: zookeeper/, etcd/)"));
    }

    private static void setEnv(Container container, String name, String value) {
        List<EnvVar> env = container.getEnv() == null ? new ArrayList<>() : new ArrayList<>(container.getEnv());
        env.removeIf(e -> e.getName().equals(name));
        env.add(new EnvVar(name, value, null));
        container.setEnv(env);
    }

    private static void addRunLabel(ObjectMeta metadata, String runId) {
        if (metadata.getLabels() == null) {
            metadata.setLabels(new HashMap<>());
        }
        metadata.getLabels().put(RunLabels.RUN, runId);
    }

    private <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> kind) {
        List<T> found = objects.stream().filter(kind::isInstance).map(kind::cast).toList();
        if (found.size() != 1) {
            throw ChaosException.badInput("the " + serviceName + " manifests in " + directory + " must hold exactly one "
                    + kind.getSimpleName() + ", not " + found.size());
        }
        return found.get(0);
    }
}
