package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.fault.node.NodeAnnotations;
import dev.quorumchaos.fault.nodeloss.Kubelets;
import dev.quorumchaos.fault.nodeloss.NodeLoss;
import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;
import dev.quorumchaos.service.zookeeper.ZooKeeperService;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Losing the node that hosts a member, on the mock server with the fake StatefulSet controller and
 * the fake node-lifecycle controller (short grace period and tolerationSeconds, so a test takes
 * seconds): what Kubernetes does is said and recorded, the pod stays Terminating and unreplaced
 * while the kubelet is gone, a force deletion lets the StatefulSet replace it, and recovery brings
 * the node back and removes what the fault wrote on it.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class NodeLossTest {

    KubernetesClient client;
    KubernetesMockServer server;

    @TempDir
    Path manifests;

    private FakeStatefulSetController cluster;
    private FakeNodeLifecycleController nodeController;
    private final List<String> said = new CopyOnWriteArrayList<>();

    /** The fake cluster's kubelets, stopped and started as k3s' docker pause would. */
    private final class FakeKubelets implements Kubelets {
        @Override
        public String how() {
            return "the fake cluster's kubelet switch";
        }

        @Override
        public Optional<String> refusal() {
            return Optional.empty();
        }

        @Override
        public Optional<String> cannotLose(String node) {
            return Optional.empty();
        }

        @Override
        public void stop(String node) {
            cluster.stopKubelet(node);
        }

        @Override
        public void start(String node) {
            cluster.startKubelet(node);
        }
    }

    private void start(List<String> nodes, boolean localVolumes) {
        cluster = new FakeStatefulSetController(client, nodes, localVolumes, FakeStatefulSetController.Timing.quick());
        nodeController = new FakeNodeLifecycleController(client, server, cluster, Duration.ofMillis(500));
    }

    @AfterEach
    void stopCluster() {
        nodeController.close();
        cluster.close();
    }

    /** The shipped manifests with the pods' unreachable and not-ready tolerationSeconds at 1 s instead of 30 s. */
    private KubernetesEnsemble deploy(History history) throws IOException {
        Path zookeeper = Files.createDirectories(manifests.resolve("zookeeper"));
        for (String file : List.of("statefulset.yaml", "services.yaml", "pdb.yaml")) {
            String text = Files.readString(DeployOptions.DEFAULT_MANIFESTS.resolve("zookeeper").resolve(file));
            Files.writeString(zookeeper.resolve(file), text.replace("tolerationSeconds: 30", "tolerationSeconds: 1"));
        }
        assertThat(Files.readString(zookeeper.resolve("statefulset.yaml"))).contains("tolerationSeconds: 1");
        return KubernetesTarget.using(client, "mock").withDefaults(DeployOptions.defaults().withManifests(manifests)
                .withStartTimeout(Duration.ofSeconds(20))).deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), history);
    }

    private Pod pod(KubernetesEnsemble ensemble, int ordinal) {
        return client.pods().inNamespace(ensemble.namespace()).withName(ensemble.podName(ordinal)).get();
    }

    private Node node(String name) {
        return client.nodes().withName(name).get();
    }

    private static String ready(Node node) {
        return node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst()
                .orElseThrow().getStatus();
    }

    private static List<String> kinds(History history, FaultEvent.Phase phase) {
        return history.faultEvents().stream().filter(e -> e.phase() == phase).map(FaultEvent::kind).toList();
    }

    @Test
    void theLostNodesPodIsMarkedForDeletionButStaysTerminatingAndUnreplacedUntilTheNodeComesBack() throws IOException {
        start(List.of("node-a", "node-b", "node-c"), true);
        History history = new History();
        try (KubernetesEnsemble ensemble = deploy(history)) {
            String node = ensemble.nodeOf(1);
            String uid = pod(ensemble, 1).getMetadata().getUid();
            NodeLoss loss = new NodeLoss(ensemble, new FakeKubelets(), history, said::add, node, 1, null, Duration.ofMillis(100));

            loss.apply();

            assertThat(node(node).getMetadata().getAnnotations()).containsEntry(NodeAnnotations.KUBELET_STOPPED,
                    "the fake cluster's kubelet switch");
            await("zk-1 marked for deletion").atMost(Duration.ofSeconds(10))
                    .until(() -> pod(ensemble, 1).getMetadata().getDeletionTimestamp() != null);
            assertThat(ready(node(node))).isEqualTo("Unknown");
            // at most one pod per identity: while the kubelet is gone, the old zk-1 stays and none replaces it
            await("zk-1 still the old pod, Terminating").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> uid.equals(pod(ensemble, 1).getMetadata().getUid()));
            await("each reaction said").atMost(Duration.ofSeconds(2)).until(() -> said.stream().anyMatch(l -> l.contains("stays Terminating")));
            assertThat(String.join("\n", said))
                    .contains("node " + node + " NotReady")
                    .contains("Ready=Unknown, NodeStatusUnknown: Kubelet stopped posting node status.")
                    .contains("tainted node.kubernetes.io/unreachable:NoExecute by the node controller")
                    .contains("zk-1: tolerationSeconds 1")
                    .contains("the StatefulSet does not replace it, since it runs at most one pod per identity");
            assertThat(kinds(history, FaultEvent.Phase.APPLY))
                    .containsSubsequence("node-not-ready", "node-unreachable-taint", "pod-terminating");

            loss.recover();

            assertThat(ready(node(node))).isEqualTo("True");
            assertThat(node(node).getSpec().getTaints() == null ? List.of() : node(node).getSpec().getTaints())
                    .noneMatch(t -> t.getKey().startsWith("node.kubernetes.io/"));
            assertThat(node(node).getMetadata().getAnnotations()).doesNotContainKey(NodeAnnotations.KUBELET_STOPPED);
            await("zk-1 replaced on its node once the kubelet finished the old one").atMost(Duration.ofSeconds(10))
                    .until(() -> {
                        Pod now = pod(ensemble, 1);
                        return now != null && !uid.equals(now.getMetadata().getUid()) && MemberPods.running(now);
                    });
            assertThat(pod(ensemble, 1).getSpec().getNodeName()).as("its local volume is there").isEqualTo(node);
            assertThat(kinds(history, FaultEvent.Phase.RECOVER)).as("every reaction's window closed")
                    .containsExactlyInAnyOrderElementsOf(kinds(history, FaultEvent.Phase.APPLY));
            // how long the member was away, and why, as the report shows it
            FaultEvent away = history.faultEvents().stream()
                    .filter(e -> e.kind().equals("member-away") && e.phase() == FaultEvent.Phase.RECOVER).findFirst().orElseThrow();
            assertThat(away.description()).isEqualTo("member 1 (zk-1) away: its node " + node + " is lost");
            assertThat(away.detail()).startsWith("node " + node + " back +").contains("NotReady +")
                    .contains("tainted unreachable +").contains("zk-1 Terminating +");
        }
    }

    @Test
    void aForceDeletionRemovesTheStuckPodAtOnceAndTheStatefulSetCreatesItsReplacementNotReady() throws IOException {
        // volumes that follow pods, and a spare node: the replacement can run elsewhere
        start(List.of("node-a", "node-b", "node-c", "node-d"), false);
        History history = new History();
        try (KubernetesEnsemble ensemble = deploy(history)) {
            String node = ensemble.nodeOf(1);
            String uid = pod(ensemble, 1).getMetadata().getUid();
            NodeLoss loss = new NodeLoss(ensemble, new FakeKubelets(), history, said::add, node, 1, null, Duration.ofMillis(100));
            loss.apply();
            loss.forceDeleteAfter(Duration.ofSeconds(3));

            await("the replacement zk-1").atMost(Duration.ofSeconds(15)).until(() -> {
                Pod now = pod(ensemble, 1);
                return now != null && !uid.equals(now.getMetadata().getUid());
            });
            Pod replacement = pod(ensemble, 1);
            assertThat(MemberPods.running(replacement) && replacement.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                    .as("a new pod starts not Ready").isFalse();
            assertThat(cluster.kubeletStoppedSince(node)).as("the node is still lost").isPresent();
            assertThat(String.join("\n", said))
                    .contains("WARNING: force-deleting pod zk-1 on lost node " + node + " (grace period 0)")
                    .contains("two pods share one identity");
            await("the replacement Ready elsewhere").atMost(Duration.ofSeconds(10))
                    .until(() -> said.stream().anyMatch(l -> l.startsWith("pod zk-1 replaced: the new one is Ready on node")));
            assertThat(pod(ensemble, 1).getSpec().getNodeName()).isNotEqualTo(node);
            assertThat(history.faultEvents()).anySatisfy(e -> {
                assertThat(e.kind()).isEqualTo("member-away");
                assertThat(e.phase()).isEqualTo(FaultEvent.Phase.RECOVER);
                assertThat(e.detail()).startsWith("back as a new zk-1 on node ").contains("zk-1 force-deleted +");
            });
            assertThat(history.faultEvents()).anySatisfy(e -> {
                assertThat(e.kind()).isEqualTo("force-delete");
                assertThat(e.phase()).isEqualTo(FaultEvent.Phase.RECOVER);
                assertThat(e.detail()).startsWith("replacement Ready on node ");
            });

            loss.recover();

            assertThat(ready(node(node))).isEqualTo("True");
        }
    }
}
