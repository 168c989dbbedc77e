package dev.quorumchaos.platform.kubernetes;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What a failed scenario leaves beside its member logs for whoever reads the CI artifact. */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class ClusterDiagnosticsTest {

    KubernetesClient client;

    @TempDir
    Path dir;

    @Test
    void eventsPodsAndNodesAreWrittenAsKubectlWouldShowThem() throws IOException {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-a")
                .addToAnnotations("chaos.quorumchaos.dev/run", "chaos-1").endMetadata()
                .withNewSpec().withUnschedulable(true).addNewTaint().withKey("chaos").withValue("true").withEffect("NoExecute")
                .endTaint().endSpec().build()).create();
        client.pods().inNamespace("run").resource(new PodBuilder().withNewMetadata().withName("zk-1").withNamespace("run")
                .withUid("u1").endMetadata().withNewSpec().endSpec()
                .withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable").withMessage("0/3 nodes are available: 1 node(s) had untolerated taint {chaos: true}.")
                .endCondition().endStatus().build()).create();
        client.v1().events().inNamespace("run").resource(new EventBuilder().withNewMetadata().withName("zk-1.1")
                .withNamespace("run").endMetadata().withType("Warning").withReason("FailedScheduling")
                .withLastTimestamp("2026-01-01T00:00:01Z").withMessage("0/3 nodes are available")
                .withNewInvolvedObject().withKind("Pod").withName("zk-1").endInvolvedObject().build()).create();
        client.v1().events().inNamespace("kube-system").resource(new EventBuilder().withNewMetadata().withName("x.1")
                .withNamespace("kube-system").endMetadata().withType("Normal").withReason("Pulled")
                .withLastTimestamp("2026-01-01T00:00:00Z").withMessage("already present on machine")
                .withNewInvolvedObject().withKind("Pod").withName("coredns").endInvolvedObject().build()).create();

        ClusterDiagnostics.write(client, "run", dir);

        assertThat(Files.readString(dir.resolve(ClusterDiagnostics.EVENTS))).containsSubsequence(
                "kube-system\t2026-01-01T00:00:00Z\tNormal\tPulled\tPod/coredns",
                "run\t2026-01-01T00:00:01Z\tWarning\tFailedScheduling\tPod/zk-1\t1\t0/3 nodes are available");
        assertThat(Files.readString(dir.resolve(ClusterDiagnostics.PODS))).contains("Name:\tzk-1", "Node:\tnone",
                "Status:\tPending", "PodScheduled=False Unschedulable: 0/3 nodes are available: 1 node(s) had untolerated taint",
                "2026-01-01T00:00:01Z Warning FailedScheduling: 0/3 nodes are available");
        assertThat(Files.readString(dir.resolve(ClusterDiagnostics.NODES))).contains(
                "node-a\tReady=unknown\tunschedulable=true\ttaints=[chaos=true:NoExecute]\tchaos.quorumchaos.dev/run=chaos-1");
    }
}
