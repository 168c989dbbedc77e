package dev.quorumchaos.fault.node;

import dev.quorumchaos.ChaosException;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.quorumchaos.target.kubernetes.QuietMockServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.quorumchaos.fault.node.EvictionAttempt.Result.EVICTED;
import static dev.quorumchaos.fault.node.EvictionAttempt.Result.FAILED;
import static dev.quorumchaos.fault.node.EvictionAttempt.Result.REFUSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The mock server has no eviction or budget logic: expectations play the API server's answers. */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class DrainNodeTest {

    KubernetesClient client;
    KubernetesMockServer server;

    private final List<EvictionAttempt> logged = new CopyOnWriteArrayList<>();

    @BeforeEach
    void aNodeWithAMemberASystemPodAndADaemonSetPod() {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata()
                .withNewSpec().endSpec().build()).create();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-2").endMetadata()
                .withNewSpec().endSpec().build()).create();
        pod("run-1", "zk-0", "node-1", false);
        pod("kube-system", "coredns-1", "node-1", false);
        pod("kube-system", "svclb-1", "node-1", true);
        pod("run-1", "zk-1", "node-2", false);
        // CRUD mode ignores field selectors on spec.nodeName; answer as the API server would.
        server.expect().get().withPath("/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-1")
                .andReturn(200, new PodListBuilder().withItems(client.pods().inAnyNamespace().list().getItems().stream()
                        .filter(p -> p.getSpec().getNodeName().equals("node-1")).toList()).build())
                .always();
    }

    private void pod(String namespace, String name, String node, boolean daemonSet) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withNodeName(node).endSpec()
                .withNewStatus().withPhase("Running").endStatus();
        if (daemonSet) {
            pod.editMetadata().addNewOwnerReference().withKind("DaemonSet").withName("svclb").withApiVersion("apps/v1")
                    .withUid("ds").endOwnerReference().endMetadata();
        }
        client.pods().inNamespace(namespace).resource(pod.build()).create();
    }

    private void answerEviction(String namespace, String pod, int code, int times) {
        server.expect().post().withPath("/api/v1/namespaces/" + namespace + "/pods/" + pod + "/eviction")
                .andReturn(code, new StatusBuilder().withCode(code).withMessage(code == 429
                        ? "Cannot evict pod as it would violate the pod's disruption budget."
                        : code >= 300 ? "etcd leader changed" : null).build())
                .times(times);
    }

    private DrainNode drain(Duration deadline) {
        return new DrainNode(client, "node-1", 0, "run-1", deadline, Duration.ofMillis(100), logged::add,
                "drain node node-1 (hosting member 0)");
    }

    private List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> all = new ArrayList<>();
        for (RecordedRequest r; (r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null; ) {
            all.add(r);
        }
        return all;
    }

    @Test
    void cordonsThenEvictsRetryingRefusalsAndErrorsAndNeverDeletes() throws Exception {
        answerEviction("run-1", "zk-0", 429, 1);
        answerEviction("run-1", "zk-0", 201, 1);
        answerEviction("kube-system", "coredns-1", 500, 1);
        answerEviction("kube-system", "coredns-1", 201, 1);
        DrainNode drain = drain(Duration.ofSeconds(10));

        drain.apply();

        assertThat(client.nodes().withName("node-1").get().getSpec().getUnschedulable()).isTrue();
        assertThat(drain.attempts()).extracting(EvictionAttempt::pod, EvictionAttempt::result).containsExactly(
                tuple("zk-0", REFUSED), tuple("coredns-1", FAILED), tuple("zk-0", EVICTED), tuple("coredns-1", EVICTED));
        assertThat(drain.attempts().get(0).detail()).startsWith("429");
        assertThat(drain.attempts().get(1).detail()).startsWith("500");
        assertThat(logged).isEqualTo(drain.attempts());
        assertThat(drain.heldBack()).isEmpty();
        assertThat(requests()).noneMatch(r -> r.getMethod().equals("DELETE"))
                .noneMatch(r -> r.getPath().contains("svclb-1/eviction") || r.getPath().contains("zk-1/eviction"));

        drain.recover();
        assertThat(client.nodes().withName("node-1").get().getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void aBudgetThatRefusesUntilTheDeadlineHoldsTheDrainBackWithoutError() {
        answerEviction("run-1", "zk-0", 429, 1000);
        answerEviction("kube-system", "coredns-1", 201, 1);
        long start = System.nanoTime();

        DrainNode drain = drain(Duration.ofMillis(1500));
        drain.apply();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(drain.heldBack()).containsExactly("run-1/zk-0");
        assertThat(drain.attempts()).filteredOn(a -> a.pod().equals("zk-0")).hasSizeGreaterThan(3)
                .allMatch(a -> a.result() == REFUSED);
        assertThat(drain.attempts()).filteredOn(a -> a.pod().equals("zk-0"))
                .extracting(EvictionAttempt::at).isSorted();
    }

    @Test
    void evictionsThatKeepFailingForOtherReasonsFailTheDrain() {
        answerEviction("run-1", "zk-0", 201, 1);
        answerEviction("kube-system", "coredns-1", 500, 1000);

        DrainNode drain = drain(Duration.ofMillis(800));

        assertThatThrownBy(drain::apply).isInstanceOf(ChaosException.class)
                .hasMessageContaining("drain of node node-1")
                .hasMessageContaining("kube-system/coredns-1: 500");
    }

    @Test
    void skipsWhatKubectlDrainSkips() {
        Pod mirror = new PodBuilder().withNewMetadata().withName("m").addToAnnotations("kubernetes.io/config.mirror", "x")
                .endMetadata().build();
        Pod done = new PodBuilder().withNewMetadata().withName("d").endMetadata().withNewStatus().withPhase("Succeeded")
                .endStatus().build();
        Pod plain = new PodBuilder().withNewMetadata().withName("p").endMetadata().build();

        assertThat(DrainNode.evictable(mirror)).isFalse();
        assertThat(DrainNode.evictable(done)).isFalse();
        assertThat(DrainNode.evictable(plain)).isTrue();
    }
}
