package dev.quorumchaos.platform.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The etcd manifests in {@code harness/kubernetes/etcd/}, as {@code kubectl apply} takes them:
 * every field one Kubernetes knows, and what the harness relies on, with the same labels and
 * conventions as the ZooKeeper ones.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class EtcdManifestsTest {

    static final Path DIR = Path.of("harness", "kubernetes", "etcd");
    private static final Map<String, String> LABELS = Map.of("app.kubernetes.io/name", "etcd",
            "app.kubernetes.io/instance", "etcd");

    KubernetesClient client;

    private List<HasMetadata> all() throws Exception {
        List<HasMetadata> objects = new ArrayList<>();
        try (var files = Files.list(DIR)) {
            for (Path file : files.sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    objects.addAll(client.load(in).items());
                }
            }
        }
        return objects;
    }

    private <T> T only(Class<T> kind) throws Exception {
        return all().stream().filter(kind::isInstance).map(kind::cast).findFirst().orElseThrow();
    }

    @Test
    void everyFieldIsOneKubernetesKnowsAndEveryObjectCarriesTheLabels() throws Exception {
        List<HasMetadata> objects = all();
        assertThat(objects).extracting(HasMetadata::getKind)
                .containsExactlyInAnyOrder("PodDisruptionBudget", "Service", "Service", "StatefulSet");
        for (HasMetadata object : objects) {
            assertThat(ZooKeeperManifestsTest.unknownFields(object, object.getKind() + " " + object.getMetadata().getName(),
                    new IdentityHashMap<>())).as("fields the model does not know").isEmpty();
            assertThat(object.getMetadata().getLabels()).containsAllEntriesOf(LABELS);
        }
    }

    @Test
    void theStatefulSetIsWhatTheHarnessDrives() throws Exception {
        StatefulSet sts = only(StatefulSet.class);
        Service headless = all().stream().filter(Service.class::isInstance).map(Service.class::cast)
                .filter(s -> "None".equals(s.getSpec().getClusterIP())).findFirst().orElseThrow();
        PodDisruptionBudget pdb = only(PodDisruptionBudget.class);
        var pod = sts.getSpec().getTemplate().getSpec();

        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(sts.getSpec().getServiceName()).isEqualTo(headless.getMetadata().getName());
        assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(sts.getSpec().getSelector().getMatchLabels());
        assertThat(sts.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(LABELS);

        List<PodAffinityTerm> required = pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        assertThat(required).singleElement().satisfies(t -> {
            assertThat(t.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(t.getLabelSelector().getMatchLabels()).isEqualTo(LABELS);
        });
        assertThat(pod.getShareProcessNamespace()).as("pausing etcd from the helper").isTrue();

        Container etcd = pod.getContainers().stream().filter(c -> c.getName().equals("etcd")).findFirst().orElseThrow();
        assertThat(etcd.getImage()).startsWith("registry.k8s.io/etcd:3.5.");
        assertThat(etcd.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(etcd.getLivenessProbe()).as("a liveness probe would restart paused members").isNull();
        assertThat(etcd.getCommand()).contains("--config-file=/etc/etcd/etcd.conf.yml");
        assertThat(etcd.getVolumeMounts()).anyMatch(m -> m.getName().equals("data") && m.getMountPath().equals("/var/lib/etcd"));
        assertThat(sts.getSpec().getVolumeClaimTemplates()).extracting(c -> c.getMetadata().getName()).containsExactly("data");

        Container helper = pod.getContainers().stream().filter(c -> c.getName().equals(EnsembleLayout.HELPER))
                .findFirst().orElseThrow();
        assertThat(helper.getSecurityContext().getCapabilities().getAdd()).contains("NET_ADMIN");
    }

    @Test
    void aMemberThatLostItsVolumeIsReplacedNotRestartedUnderItsOldId() throws Exception {
        var pod = only(StatefulSet.class).getSpec().getTemplate().getSpec();
        Container config = pod.getInitContainers().stream().filter(c -> c.getName().equals("member-config"))
                .findFirst().orElseThrow();
        String script = String.join("\n", config.getCommand());

        assertThat(script).contains("/v3/cluster/member/remove", "/v3/cluster/member/add", "state=existing",
                "[ ! -d /var/lib/etcd/member ]");
        assertThat(config.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple("ETCD_REPLICAS",
                        String.valueOf(only(StatefulSet.class).getSpec().getReplicas())));
    }
}
