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
                "[ ! -d \"$data/member\" ]");
        assertThat(config.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple("ETCD_REPLICAS",
                        String.valueOf(only(StatefulSet.class).getSpec().getReplicas())));
    }

    /**
     * The member-config script run by bash as the init container would run it, with a stub curl
     * on the PATH answering for etcd-0 (or nobody) and the data dir and config file in a temp dir.
     */
    private ProcessResult memberConfig(String hostname, String memberList) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("jq", "--version").start().waitFor() == 0,
                "jq is not installed here: the init script's JSON is read by jq");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path list = tmp.resolve("member-list.json");
        Files.writeString(list, memberList == null ? "" : memberList);
        Path curl = bin.resolve("curl");
        Files.writeString(curl, "#!/bin/bash\nfor a; do url=$a; done\n"
                + (memberList == null ? "exit 7\n" : "case $url in http://etcd-0.etcd-hs:2379/v3/cluster/member/list) cat "
                + list + " ;; *) exit 7 ;; esac\n"));
        curl.toFile().setExecutable(true);
        Container config = only(StatefulSet.class).getSpec().getTemplate().getSpec().getInitContainers().stream()
                .filter(c -> c.getName().equals("member-config")).findFirst().orElseThrow();
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", config.getCommand().get(2));
        bash.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        bash.environment().putAll(Map.of("HOSTNAME", hostname, "ETCD_REPLICAS", "3", "ETCD_PEER_SERVICE", "etcd-hs",
                "ETCD_HEARTBEAT_INTERVAL", "100", "ETCD_ELECTION_TIMEOUT", "1000",
                "MEMBER_DATA_DIR", tmp.resolve("data").toString(), "MEMBER_CONFIG_FILE", tmp.resolve("etcd.conf.yml").toString()));
        Process p = bash.redirectErrorStream(true).start();
        assertThat(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        Path file = tmp.resolve("etcd.conf.yml");
        return new ProcessResult(p.exitValue(), out, Files.exists(file) ? Files.readString(file) : "");
    }

    private record ProcessResult(int exit, String output, String config) {
    }

    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    private static final String THREE_AND_A_LEARNER = """
            {"members": [
              {"ID": "1", "name": "etcd-0", "peerURLs": ["http://etcd-0.etcd-hs:2380"], "clientURLs": ["http://etcd-0.etcd-hs:2379"]},
              {"ID": "2", "name": "etcd-1", "peerURLs": ["http://etcd-1.etcd-hs:2380"], "clientURLs": ["http://etcd-1.etcd-hs:2379"]},
              {"ID": "3", "name": "etcd-2", "peerURLs": ["http://etcd-2.etcd-hs:2380"], "clientURLs": ["http://etcd-2.etcd-hs:2379"]},
              {"ID": "4", "peerURLs": ["http://etcd-3.etcd-hs:2380"], "isLearner": true}
            ]}""";

    @Test
    void aMemberBeyondTheDeploySizeThatTheHarnessAddedAsALearnerJoinsAsExistingWithTheListedMembership() throws Exception {
        ProcessResult joined = memberConfig("etcd-3", THREE_AND_A_LEARNER);

        assertThat(joined.exit()).as(joined.output()).isZero();
        assertThat(joined.config()).contains("name: etcd-3", "initial-cluster-state: existing",
                "initial-cluster: etcd-0=http://etcd-0.etcd-hs:2380,etcd-1=http://etcd-1.etcd-hs:2380,"
                        + "etcd-2=http://etcd-2.etcd-hs:2380,etcd-3=http://etcd-3.etcd-hs:2380\n");
    }

    @Test
    void aMemberBeyondTheDeploySizeNeverBootstrapsANewClusterWhenNobodyAnswers() throws Exception {
        ProcessResult alone = memberConfig("etcd-3", null);

        assertThat(alone.exit()).isEqualTo(1);
        assertThat(alone.output()).contains("etcd-3 joins a running cluster, but no member answers");
        assertThat(alone.config()).isEmpty();
    }

    @Test
    void aMemberOfTheDeployBootstrapsTheDeploySizeWhenNobodyAnswers() throws Exception {
        ProcessResult boot = memberConfig("etcd-0", null);

        assertThat(boot.exit()).as(boot.output()).isZero();
        assertThat(boot.config()).contains("initial-cluster-state: new", "initial-cluster: etcd-0=http://etcd-0.etcd-hs:2380,"
                + "etcd-1=http://etcd-1.etcd-hs:2380,etcd-2=http://etcd-2.etcd-hs:2380\n");
    }
}
