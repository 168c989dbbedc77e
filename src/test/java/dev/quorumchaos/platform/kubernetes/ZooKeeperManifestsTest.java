package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.EnsembleSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The manifests as they are in the repository: every field known to the Kubernetes model (a
 * misspelt field would land in additionalProperties and be silently dropped by the API server),
 * and the parts the harness relies on present.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class ZooKeeperManifestsTest {

    KubernetesClient client;

    @TempDir
    Path dir;

    private List<HasMetadata> load(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return client.load(in).items();
        }
    }

    @Test
    void everyFieldOfEveryManifestIsOneKubernetesKnows() throws Exception {
        List<Path> files = new ArrayList<>();
        try (var list = Files.list(ServiceParts.ZOOKEEPER_MANIFESTS)) {
            files.addAll(list.toList());
        }
        files.add(Path.of("harness", "kubernetes", "rbac.yaml"));
        List<HasMetadata> all = new ArrayList<>();
        for (Path file : files) {
            List<HasMetadata> objects = load(file);
            assertThat(objects).as(file.toString()).isNotEmpty();
            for (HasMetadata object : objects) {
                assertThat(unknownFields(object, object.getKind() + " " + object.getMetadata().getName(), new IdentityHashMap<>()))
                        .as(file + ": fields the model does not know").isEmpty();
            }
            all.addAll(objects);
        }
        assertThat(all).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("Service", "Service",
                "PodDisruptionBudget", "StatefulSet", "Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding");
        ClusterRole role = (ClusterRole) all.stream().filter(ClusterRole.class::isInstance).findFirst().orElseThrow();
        assertThat(role.getRules()).flatExtracting(r -> r.getResources()).contains("namespaces", "pods", "pods/exec",
                "pods/portforward", "pods/eviction", "statefulsets", "services", "poddisruptionbudgets",
                "persistentvolumeclaims", "nodes");
    }

    @Test
    void aMisspeltFieldIsCaught() throws Exception {
        Path typo = Files.writeString(dir.resolve("typo.yaml"), """
                apiVersion: v1
                kind: Service
                metadata: {name: zk-hs}
                spec:
                  clusterIP: None
                  publishNotReadyAdresses: true
                """);
        HasMetadata service = load(typo).get(0);

        assertThat(unknownFields(service, "Service zk-hs", new IdentityHashMap<>()))
                .containsExactly("Service zk-hs.Spec: [publishNotReadyAdresses]");
    }

    @Test
    void theHeadlessServiceNamesMembersBeforeTheyAreReadyAndTheSidecarCanDropPackets() throws Exception {
        List<HasMetadata> services = load(ServiceParts.ZOOKEEPER_MANIFESTS.resolve("services.yaml"));
        Service headless = services.stream().map(Service.class::cast).filter(s -> "None".equals(s.getSpec().getClusterIP()))
                .findFirst().orElseThrow();
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();

        StatefulSet sts = (StatefulSet) load(ServiceParts.ZOOKEEPER_MANIFESTS.resolve("statefulset.yaml")).get(0);
        assertThat(sts.getSpec().getServiceName()).isEqualTo(headless.getMetadata().getName());
        assertThat(sts.getSpec().getTemplate().getSpec().getShareProcessNamespace()).isTrue();
        Container helper = sts.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(EnsembleLayout.HELPER)).findFirst().orElseThrow();
        assertThat(helper.getSecurityContext().getCapabilities().getAdd()).contains("NET_ADMIN");
        Container zookeeper = ServiceManifests.load(ServiceParts.ZOOKEEPER_MANIFESTS, ServiceParts.ZOOKEEPER, "ZooKeeper")
                .serverContainer(sts);
        assertThat(zookeeper.getReadinessProbe().getExec().getCommand()).last().asString().contains("srvr").contains("Mode: ");
        assertThat(zookeeper.getLivenessProbe()).as("a liveness probe would restart paused members").isNull();
        assertThat(String.join("\n", zookeeper.getCommand())).contains("ZOO_MY_ID=$((ordinal + 1))")
                .contains(ServiceParts.ZOOKEEPER.process().pidFile());
        assertThat(zookeeper.getVolumeMounts()).extracting(m -> m.getMountPath()).contains("/data", "/datalog");
    }

    @Test
    void aManifestDirectoryWithoutAStatefulSetIsBadInput() throws Exception {
        Files.copy(ServiceParts.ZOOKEEPER_MANIFESTS.resolve("services.yaml"), dir.resolve("services.yaml"));
        ServiceManifests manifests = ServiceManifests.load(dir, ServiceParts.ZOOKEEPER, "ZooKeeper");

        assertThatThrownBy(() -> manifests.render(client, new ServiceManifests.Values("ns", "run", EnsembleSpec.of(3), 1, true)))
                .isInstanceOf(ChaosException.class).matches(e -> ((ChaosException) e).badInput())
                .hasMessageContaining("must hold exactly one StatefulSet, not 0");
        assertThatThrownBy(() -> ServiceManifests.load(dir.resolve("absent"), ServiceParts.ZOOKEEPER, "ZooKeeper"))
                .isInstanceOf(ChaosException.class).hasMessageContaining("no ZooKeeper manifests at");
    }

    /** One service's own manifests given for another: bad input that names the port and the way out, nothing created. */
    @Test
    void anotherServicesManifestsAreBadInputNamingTheMissingClientPort() {
        ServiceManifests zookeeper = ServiceManifests.load(ServiceParts.ZOOKEEPER_MANIFESTS, ServiceParts.ETCD, "etcd");

        assertThatThrownBy(() -> zookeeper.render(client, new ServiceManifests.Values("ns", "run", EnsembleSpec.of(3), 1, true)))
                .isInstanceOf(ChaosException.class).matches(e -> ((ChaosException) e).badInput())
                .hasMessageContaining("has no container exposing port 2379, etcd's client port")
                .hasMessageContaining("one subdirectory per service");
    }

    /** A directory of services finds each one's own; one service's own directory serves as given. */
    @Test
    void eachServicesManifestsAreItsSubdirectoryOrTheDirectoryGiven() {
        DeployOptions options = DeployOptions.defaults().withManifests(DeployOptions.DEFAULT_MANIFESTS);
        assertThat(options.manifestsFor(ServiceParts.ZOOKEEPER)).isEqualTo(ServiceParts.ZOOKEEPER_MANIFESTS);
        assertThat(options.manifestsFor(ServiceParts.ETCD)).isEqualTo(ServiceParts.ETCD_MANIFESTS);
        DeployOptions own = options.withManifests(ServiceParts.ZOOKEEPER_MANIFESTS);
        assertThat(own.manifestsFor(ServiceParts.ZOOKEEPER)).isEqualTo(ServiceParts.ZOOKEEPER_MANIFESTS);
        assertThat(own.manifestsFor(ServiceParts.ETCD)).as("taken as given: rendering then says they are not etcd's")
                .isEqualTo(ServiceParts.ZOOKEEPER_MANIFESTS);
    }

    /** Paths of every non-empty additionalProperties map reachable from {@code value} through getters. */
    static List<String> unknownFields(Object value, String path, Map<Object, Boolean> seen) throws Exception {
        List<String> found = new ArrayList<>();
        if (value == null || seen.put(value, true) != null) {
            return found;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                found.addAll(unknownFields(item, path + "[" + i++ + "]", seen));
            }
            return found;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                found.addAll(unknownFields(e.getValue(), path + "." + e.getKey(), seen));
            }
            return found;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return found;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object child = getter.invoke(value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add(path + ": " + extra.keySet());
                }
                continue;
            }
            found.addAll(unknownFields(child, path + "." + getter.getName().substring(3), seen));
        }
        return found;
    }
}
