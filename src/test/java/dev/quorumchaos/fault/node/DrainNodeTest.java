package dev.quorumchaos.fault.node;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.platform.kubernetes.QuietMockServer;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.quorumchaos.fault.node.EvictionAttempt.Result.EVICTED;
import static dev.quorumchaos.fault.node.EvictionAttempt.Result.FAILED;
import static dev.quorumchaos.fault.node.EvictionAttempt.Result.REFUSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The mock server has no eviction or budget logic: expectations play the API server's answers,
 * and an accepted eviction deletes its pod as the API server would, through a client of its own
 * (marked, so that the test can tell its deletions from the drain's: the drain never deletes).
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class DrainNodeTest {

    private static final String API_SERVER = "X-Played-By";

    KubernetesClient client;
    KubernetesMockServer server;

    private KubernetesClient apiServer;
    private final ScheduledExecutorService apiServerThread = Executors.newSingleThreadScheduledExecutor();
    private final List<EvictionAttempt> logged = new CopyOnWriteArrayList<>();

    @BeforeEach
    void aNodeWithAMemberASystemPodAndADaemonSetPod() {
        apiServer = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withCustomHeaders(Map.of(API_SERVER, "eviction")).build()).build();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata()
                .withNewSpec().endSpec().build()).create();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-2").endMetadata()
                .withNewSpec().endSpec().build()).create();
        pod("run-1", "zk-0", "node-1", "StatefulSet");
        pod("kube-system", "coredns-1", "node-1", "ReplicaSet");
        pod("kube-system", "svclb-1", "node-1", "DaemonSet");
        pod("run-1", "zk-1", "node-2", "StatefulSet");
    }

    /** CRUD mode ignores field selectors on spec.nodeName; answer the drain's listing as the API server would now. */
    private void listingOfNode1() {
        server.expect().get().withPath("/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-1")
                .andReturn(200, new PodListBuilder().withItems(client.pods().inAnyNamespace().list().getItems()
                        .stream().filter(p -> p.getSpec().getNodeName().equals("node-1")).toList()).build())
                .once();
    }

    @AfterEach
    void closeTheApiServersClient() {
        apiServerThread.shutdownNow();
        apiServer.close();
    }

    private Pod pod(String namespace, String name, String node, String controller) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withUid(namespace + "-" + name).endMetadata()
                .withNewSpec().withNodeName(node).endSpec()
                .withNewStatus().withPhase("Running").endStatus();
        if (controller != null) {
            pod.editMetadata().addNewOwnerReference().withKind(controller).withName(name + "-owner").withApiVersion("apps/v1")
                    .withUid("owner").withController(true).endOwnerReference().endMetadata();
        }
        return client.pods().inNamespace(namespace).resource(pod.build()).create();
    }

    /** Answers the next {@code times} evictions of the pod with {@code code}; a 201 deletes the pod after {@code delay}. */
    private void answerEviction(String namespace, String pod, int code, int times, Duration delay) {
        server.expect().post().withPath("/api/v1/namespaces/" + namespace + "/pods/" + pod + "/eviction")
                .andReply(code, request -> {
                    if (code == 201) {
                        // on a thread of its own: fabric8 completes calls on the common pool, which may have one thread
                        apiServerThread.schedule(() -> apiServer.pods().inNamespace(namespace).withName(pod).delete(),
                                delay.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    return new StatusBuilder().withCode(code).withMessage(code == 429
                            ? "Cannot evict pod as it would violate the pod's disruption budget."
                            : code >= 300 ? "etcd leader changed" : null).build();
                })
                .times(times);
    }

    private void answerEviction(String namespace, String pod, int code, int times) {
        answerEviction(namespace, pod, code, times, Duration.ZERO);
    }

    private DrainNode drain(DrainOptions options) {
        listingOfNode1();
        return new DrainNode(client, "node-1", 0, "run-1", options, Duration.ofMillis(100), logged::add,
                "drain node node-1 (hosting member 0)");
    }

    private DrainNode drain(Duration timeout) {
        return drain(new DrainOptions(false, false, timeout));
    }

    private List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> all = new ArrayList<>();
        for (RecordedRequest r; (r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null; ) {
            all.add(r);
        }
        return all;
    }

    private boolean exists(String namespace, String name) {
        return client.pods().inNamespace(namespace).withName(name).get() != null;
    }

    @Test
    void cordonsThenEvictsRetryingRefusalsAndErrorsWaitsForThePodsToGoAndNeverDeletes() throws Exception {
        answerEviction("run-1", "zk-0", 429, 1);
        answerEviction("run-1", "zk-0", 201, 1);
        answerEviction("kube-system", "coredns-1", 500, 1);
        answerEviction("kube-system", "coredns-1", 201, 1, Duration.ofMillis(700));
        DrainNode drain = drain(Duration.ofSeconds(10));
        long start = System.nanoTime();

        drain.apply();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited for coredns-1 to go").isGreaterThan(Duration.ofMillis(700));
        assertThat(exists("kube-system", "coredns-1")).isFalse();
        assertThat(exists("run-1", "zk-0")).isFalse();
        assertThat(client.nodes().withName("node-1").get().getSpec().getUnschedulable()).isTrue();
        assertThat(drain.attempts()).extracting(EvictionAttempt::pod, EvictionAttempt::result).containsExactly(
                tuple("zk-0", REFUSED), tuple("coredns-1", FAILED), tuple("zk-0", EVICTED), tuple("coredns-1", EVICTED));
        assertThat(drain.attempts().get(0).detail()).startsWith("429");
        assertThat(drain.attempts().get(1).detail()).startsWith("500");
        assertThat(logged).isEqualTo(drain.attempts());
        assertThat(drain.heldBack()).isEmpty();
        assertThat(drain.stillTerminating()).isEmpty();
        assertThat(requests()).filteredOn(r -> r.getHeader(API_SERVER) == null)
                .noneMatch(r -> r.getMethod().equals("DELETE"))
                .noneMatch(r -> r.getPath().contains("svclb-1/eviction") || r.getPath().contains("zk-1/eviction"));

        drain.recover();
        assertThat(client.nodes().withName("node-1").get().getSpec().getUnschedulable()).as("uncordoned").isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void aBudgetThatRefusesUntilTheTimeoutHoldsTheDrainBackWithoutErrorAndRetriesBackOff() {
        answerEviction("run-1", "zk-0", 429, 1000);
        answerEviction("kube-system", "coredns-1", 201, 1);
        long start = System.nanoTime();

        DrainNode drain = drain(Duration.ofMillis(2500));
        drain.apply();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        assertThat(drain.heldBack()).containsExactly("run-1/zk-0");
        List<EvictionAttempt> refusals = drain.attempts().stream().filter(a -> a.pod().equals("zk-0")).toList();
        assertThat(refusals).hasSizeBetween(3, 6).allMatch(a -> a.result() == REFUSED);
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < refusals.size(); i++) {
            gaps.add(Duration.between(refusals.get(i - 1).at(), refusals.get(i).at()));
        }
        assertThat(gaps.get(gaps.size() - 1)).as("backed off: " + gaps).isGreaterThan(gaps.get(0).multipliedBy(2));
    }

    @Test
    void anEvictedPodThatDoesNotGoIsReportedStillTerminating() {
        answerEviction("run-1", "zk-0", 201, 1, Duration.ofMinutes(5));
        answerEviction("kube-system", "coredns-1", 201, 1);

        DrainNode drain = drain(Duration.ofSeconds(3));
        drain.apply();

        assertThat(drain.heldBack()).isEmpty();
        assertThat(drain.stillTerminating()).containsExactly("run-1/zk-0");
    }

    @Test
    void evictionsThatKeepFailingForServerErrorsFailTheDrain() {
        answerEviction("run-1", "zk-0", 201, 1);
        answerEviction("kube-system", "coredns-1", 500, 1000);

        DrainNode drain = drain(Duration.ofMillis(800));

        assertThatThrownBy(drain::apply).isInstanceOf(ChaosException.class)
                .hasMessageContaining("drain of node node-1")
                .hasMessageContaining("kube-system/coredns-1: 500");
    }

    @Test
    void anyOtherErrorFailsTheDrainAtOnceAsKubectlsDoes() {
        answerEviction("run-1", "zk-0", 403, 1);
        long start = System.nanoTime();

        assertThatThrownBy(drain(Duration.ofSeconds(30))::apply).isInstanceOf(ChaosException.class)
                .hasMessageContaining("eviction of run-1/zk-0 answered 403");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void unmanagedAndEmptyDirPodsRefuseTheDrainBeforeAnythingChangesUnlessToldAsKubectlSays() {
        pod("default", "debug", "node-1", null);
        client.pods().inNamespace("kube-system").resource(new PodBuilder(pod("kube-system", "metrics-server-1", "node-1",
                "ReplicaSet")).editSpec().addNewVolume().withName("tmp-dir").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().build()).update();

        assertThatThrownBy(drain(Duration.ofSeconds(5))::apply).isInstanceOf(ChaosException.class)
                .hasMessageContaining("refusing to drain node node-1, as kubectl drain would: ")
                .hasMessageContaining("cannot delete Pods that declare no controller (use --force to override): default/debug")
                .hasMessageContaining("cannot delete Pods with local storage (use --delete-emptydir-data to override): "
                        + "kube-system/metrics-server-1");
        assertThat(client.nodes().withName("node-1").get().getSpec().getUnschedulable()).as("not cordoned").isNull();

        answerEviction("run-1", "zk-0", 201, 1);
        answerEviction("kube-system", "coredns-1", 201, 1);
        answerEviction("default", "debug", 201, 1);
        answerEviction("kube-system", "metrics-server-1", 201, 1);
        DrainNode forced = drain(DrainOptions.parse("--ignore-daemonsets --force --delete-emptydir-data --timeout=5s"));
        forced.apply();
        assertThat(forced.attempts()).extracting(EvictionAttempt::pod).contains("debug", "metrics-server-1");
    }

    @Test
    void drainFlagsAreKubectlsAndUnknownOnesAreBadInput() {
        assertThat(DrainOptions.parse("")).isEqualTo(DrainOptions.defaults());
        assertThat(DrainOptions.parse("--timeout=2m --force")).isEqualTo(new DrainOptions(true, false, Duration.ofMinutes(2)));
        assertThatThrownBy(() -> DrainOptions.parse("--force --disable-eviction"))
                .isInstanceOf(ChaosException.class).matches(e -> ((ChaosException) e).badInput())
                .hasMessageContaining("does not know --disable-eviction");
    }

    @Test
    void skipsWhatKubectlDrainSkips() {
        Pod mirror = new PodBuilder().withNewMetadata().withName("m").addToAnnotations("kubernetes.io/config.mirror", "x")
                .endMetadata().build();
        Pod done = new PodBuilder().withNewMetadata().withName("d").endMetadata().withNewSpec().endSpec()
                .withNewStatus().withPhase("Succeeded").endStatus().build();
        Pod daemon = new PodBuilder().withNewMetadata().withName("ds").addNewOwnerReference().withKind("DaemonSet")
                .withController(true).endOwnerReference().endMetadata().build();
        Pod plain = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec().endSpec().build();

        assertThat(DrainNode.evictable(mirror)).isFalse();
        assertThat(DrainNode.evictable(daemon)).isFalse();
        assertThat(DrainNode.evictable(done)).as("a finished pod goes, whatever it is").isTrue();
        assertThat(DrainNode.evictable(plain)).isTrue();
        assertThat(DrainNode.refusal(done, DrainOptions.defaults())).isEmpty();
        assertThat(DrainNode.refusal(plain, DrainOptions.defaults())).get().asString().contains("declare no controller");
    }
}
