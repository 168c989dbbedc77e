package dev.quorumchaos.platform.kubernetes;

import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service's StatefulSet tolerates the node-lifecycle taints {@code unreachable} and
 * {@code not-ready} (NoExecute) for 30 s, not the admission plugin's 300 s, so a lost node's
 * member is marked for deletion within a node-loss scenario whatever the service. Read back from
 * the API server after {@code apply}, as a pod template would carry them.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class NodeLossTolerationsTest {

    private static final List<String> LIFECYCLE_TAINTS = List.of("node.kubernetes.io/unreachable",
            "node.kubernetes.io/not-ready");
    private static final long SECONDS = 30;

    KubernetesClient client;

    /** What a StatefulSet lacks of the 30 s NoExecute tolerations, one line each; empty when it has them. */
    static List<String> missing(StatefulSet set) {
        List<Toleration> tolerations = set.getSpec().getTemplate().getSpec().getTolerations();
        List<String> missing = new ArrayList<>();
        for (String key : LIFECYCLE_TAINTS) {
            boolean tolerated = tolerations != null && tolerations.stream().anyMatch(t -> key.equals(t.getKey())
                    && "Exists".equals(t.getOperator()) && "NoExecute".equals(t.getEffect())
                    && Long.valueOf(SECONDS).equals(t.getTolerationSeconds()));
            if (!tolerated) {
                missing.add(set.getMetadata().getName() + ": no " + key + ":NoExecute toleration for " + SECONDS + " s");
            }
        }
        return missing;
    }

    private StatefulSet appliedFrom(Path dir) throws Exception {
        try (InputStream in = Files.newInputStream(dir.resolve("statefulset.yaml"))) {
            StatefulSet set = (StatefulSet) client.load(in).items().get(0);
            client.apps().statefulSets().inNamespace("test").resource(set).create();
        }
        return client.apps().statefulSets().inNamespace("test").list().getItems().get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zookeeper", "etcd"})
    void eachServiceToleratesALostNodeFor30Seconds(String service) throws Exception {
        Path dir = Path.of("harness", "kubernetes", service);
        StatefulSet set = appliedFrom(dir);

        assertThat(missing(set)).isEmpty();
        assertThat(Files.readString(dir.resolve("statefulset.yaml")))
                .as("the manifest says why, and what it costs in production")
                .contains("DefaultTolerationSeconds", "For production, weigh it");
    }

    @Test
    void aStatefulSetWithTheAdmissionDefaultsOrAnotherEffectIsNamed() throws Exception {
        StatefulSet set = appliedFrom(Path.of("harness", "kubernetes", "etcd"));
        set.getSpec().getTemplate().getSpec().getTolerations().get(0).setTolerationSeconds(300L);
        set.getSpec().getTemplate().getSpec().getTolerations().get(1).setEffect("NoSchedule");

        assertThat(missing(set)).containsExactly(
                "etcd: no node.kubernetes.io/unreachable:NoExecute toleration for 30 s",
                "etcd: no node.kubernetes.io/not-ready:NoExecute toleration for 30 s");

        set.getSpec().getTemplate().getSpec().setTolerations(null);
        assertThat(missing(set)).hasSize(2);
    }
}
