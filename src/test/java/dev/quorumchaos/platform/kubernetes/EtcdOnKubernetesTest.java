package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.fault.partition.DirectedLink;
import dev.quorumchaos.fault.partition.PartitionShape;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberState;
import dev.quorumchaos.service.etcd.EtcdService;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * etcd deployed and faulted through the same platform code as ZooKeeper, against fabric8's mock
 * API server and the fake cluster ({@link FakeStatefulSetController}: pods Pending, then running
 * and not Ready, then Ready). What only a real cluster shows (the init container's member
 * replacement, etcd's gateway answering in a pod, the kill reaching etcd through the shared
 * process namespace) is not here: the in-pod scripts are run for real, outside a pod, by
 * {@link ServerProcessTest} and {@link StatusStreamTest}, and the whole on k3s where Docker exists.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class EtcdOnKubernetesTest {

    private static final KubernetesService ETCD = ServiceParts.ETCD;

    KubernetesClient client;
    KubernetesMockServer server;

    private FakeStatefulSetController controller;

    @AfterEach
    void stopController() {
        if (controller != null) {
            controller.close();
        }
    }

    private KubernetesTarget target(FakeStatefulSetController.Timing timing) {
        controller = new FakeStatefulSetController(client, List.of("node-a", "node-b", "node-c"), true, timing);
        return KubernetesTarget.using(client, "mock")
                .withDefaults(DeployOptions.defaults().withManifests(DeployOptions.DEFAULT_MANIFESTS)
                        .withStartTimeout(Duration.ofSeconds(20)));
    }

    private KubernetesEnsemble deploy(History history) {
        return target(FakeStatefulSetController.Timing.quick()).deploy(EtcdService.INSTANCE, EnsembleSpec.of(3), history);
    }

    @Test
    void deployAppliesTheEtcdManifestsReturnsOnceMembersRunBeforeTheyAreReadyAndLeavesNothingWhenClosed() throws Exception {
        KubernetesTarget target = target(new FakeStatefulSetController.Timing(Duration.ofMillis(100), Duration.ofSeconds(3),
                Duration.ofMillis(100)));

        KubernetesEnsemble ensemble = target.deploy(EtcdService.INSTANCE, EnsembleSpec.of(3), new History());

        String ns = ensemble.namespace();
        assertThat(ensemble.whyUnavailable(0)).as("running, its readiness probe not passed yet").get().asString()
                .startsWith("etcd-0 Running");
        assertThat(ensemble.settled()).isFalse();
        List<HasMetadata> objects = new ArrayList<>();
        objects.addAll(client.services().inNamespace(ns).list().getItems());
        objects.addAll(client.apps().statefulSets().inNamespace(ns).list().getItems());
        objects.addAll(client.policy().v1().podDisruptionBudget().inNamespace(ns).list().getItems());
        assertThat(objects).extracting(o -> o.getKind() + " " + o.getMetadata().getName()).containsExactlyInAnyOrder(
                "Service etcd-hs", "Service etcd-client", "StatefulSet etcd", "PodDisruptionBudget etcd-pdb")
                .hasSize(4);
        assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getLabels()).containsEntry(RunLabels.RUN, ensemble.runId()));
        StatefulSet sts = client.apps().statefulSets().inNamespace(ns).withName("etcd").get();
        Container init = sts.getSpec().getTemplate().getSpec().getInitContainers().get(0);
        assertThat(init.getEnv()).as("the init container writes each member's config from these")
                .extracting(EnvVar::getName, EnvVar::getValue).contains(Tuple.tuple("ETCD_REPLICAS", "3"),
                        Tuple.tuple("ETCD_HEARTBEAT_INTERVAL", "100"), Tuple.tuple("ETCD_ELECTION_TIMEOUT", "1000"));
        Container etcd = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(etcd.getName()).isEqualTo("etcd");
        assertThat(etcd.getEnv()).as("nothing added where nothing reads it").isNullOrEmpty();
        assertThat(Set.of(ensemble.nodeOf(0), ensemble.nodeOf(1), ensemble.nodeOf(2))).hasSize(3);

        await("every member Ready").atMost(Duration.ofSeconds(10)).until(ensemble::settled);
        drainRequests();
        try (Socket socket = new Socket(ensemble.clientAddress(1).getAddress(), ensemble.clientAddress(1).getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(0);
            out.flush();
            await("the client's connection forwarded").atMost(Duration.ofSeconds(10)).until(() -> drainRequests().stream()
                    .anyMatch(r -> r.getPath().contains("/pods/etcd-1/portforward") && r.getPath().contains("ports=2379")));
        }

        ensemble.close();
        assertThat(client.namespaces().withName(ns).get()).isNull();
        assertThat(client.namespaces().list().getItems()).as("nothing left behind").isEmpty();
    }

    /**
     * The mock server sends a websocket's messages at once and then waits: each member's stream
     * brings one answer from etcd's gateway, and nothing after it.
     */
    @Test
    void rolesComeFromEtcdsStatusOnOneStreamPerPodAndTheClientsLearnTheMembersFromThem() throws Exception {
        History history = new History();
        KubernetesEnsemble ensemble = deploy(history);
        try {
            String leader = "{\"header\":{\"cluster_id\":\"14841639068965178418\",\"member_id\":\"10276657743932975437\","
                    + "\"revision\":\"1\",\"raft_term\":\"3\"},\"version\":\"3.5.21\",\"dbSize\":\"20480\","
                    + "\"leader\":\"10276657743932975437\",\"raftIndex\":\"8\",\"raftTerm\":\"3\"}";
            String follower = "{\"header\":{\"member_id\":\"9372538179322589801\",\"raft_term\":\"3\"},"
                    + "\"leader\":\"10276657743932975437\",\"raftTerm\":\"3\"}";
            String candidate = "{\"header\":{\"member_id\":\"12222697724345399935\",\"raft_term\":\"4\"},\"raftTerm\":\"4\"}";
            drainRequests();
            stream(ensemble, "etcd-0", leader);
            stream(ensemble, "etcd-1", follower);
            stream(ensemble, "etcd-2", candidate);

            await("roles read").atMost(Duration.ofSeconds(10)).until(() -> ensemble.view().state(0) == MemberState.LEADER
                    && ensemble.view().state(1) == MemberState.FOLLOWER && ensemble.view().state(2) == MemberState.LOOKING);
            assertThat(ensemble.view().epochs().get(0)).as("the raft term").isEqualTo(3L);
            assertThat(EtcdService.INSTANCE.clients(ensemble, history)).as("etcd's clients take the pods' forwards")
                    .isNotNull();
            await("no answer follows").atMost(Duration.ofSeconds(15))
                    .until(() -> ensemble.view().state(0) == MemberState.UNRESPONSIVE);

            // a poll per websocket would have opened about 100 per pod by now (every 100 ms); a stream
            // whose upgrade the loaded mock server let lapse is opened once more, which is allowed
            List<RecordedRequest> seen = drainRequests();
            for (String pod : List.of("etcd-0", "etcd-1", "etcd-2")) {
                assertThat(seen).filteredOn(r -> r.getPath().equals(observePath(ensemble, pod))).as("one stream for " + pod)
                        .hasSizeBetween(1, 2);
            }
        } finally {
            ensemble.close();
        }
    }

    private static String observePath(KubernetesEnsemble ensemble, String pod) {
        return "/api/v1/namespaces/" + ensemble.namespace() + "/pods/" + pod + "/exec?command=bash&command=-c&command="
                + encode(StatusStream.script(ETCD.statusQuestion())) + "&container=chaos-net&stdout=true&stderr=true";
    }

    private void stream(KubernetesEnsemble ensemble, String pod, String answer) {
        server.expect().get().withPath(observePath(ensemble, pod)).andUpgradeToWebSocket()
                .open(new OutputStreamMessage("@@begin 1\n" + answer + "\n@@end 1 ok\n"))
                .expect("nothing").andEmit(new OutputStreamMessage("")).always()
                .done().once();
    }

    private String execPath(KubernetesEnsemble ensemble, String pod, String script) {
        return "/api/v1/namespaces/" + ensemble.namespace() + "/pods/" + pod + "/exec?command=sh&command=-c&command="
                + encode(script) + "&container=chaos-net&stdout=true&stderr=true";
    }

    /** etcd's image has no shell: the sidecar, in the pod's process namespace, kills it; its own container restarts. */
    @Test
    void aKillIsSigkillToEtcdFromTheSidecarAndTheEtcdContainerRestartsInPlace() throws Exception {
        KubernetesEnsemble ensemble = deploy(new History());
        List<Integer> started = new CopyOnWriteArrayList<>();
        ensemble.members().onStart(started::add);
        String uid = client.pods().inNamespace(ensemble.namespace()).withName("etcd-1").get().getMetadata().getUid();
        server.expect().get().withPath(execPath(ensemble, "etcd-1", ETCD.process().signalScript("KILL")))
                .andUpgradeToWebSocket().open().waitFor(300).andEmit(new StatusStreamMessage(0)).done().once();
        drainRequests();

        List<RecordedRequest> seen = KillInPlace.kill(server, controller, ensemble, 1, "etcd-1");
        assertThat(seen).noneMatch(r -> r.getMethod().equals("DELETE"));
        await("etcd-1 restarted in place").atMost(Duration.ofSeconds(10)).until(() -> started.contains(1));
        Pod pod = client.pods().inNamespace(ensemble.namespace()).withName("etcd-1").get();
        assertThat(pod.getMetadata().getUid()).as("the same pod").isEqualTo(uid);
        assertThat(pod.getStatus().getContainerStatuses()).filteredOn(c -> c.getName().equals("etcd"))
                .singleElement().satisfies(c -> assertThat(c.getRestartCount()).isEqualTo(1));
        assertThat(pod.getStatus().getContainerStatuses()).filteredOn(c -> c.getName().equals("chaos-net"))
                .singleElement().satisfies(c -> assertThat(c.getRestartCount()).as("the sidecar lives on").isZero());
        assertThat(ensemble.members().starts(1)).isEqualTo(2);
        ensemble.close();
    }

    @Test
    void pauseAndResumeSignalEtcdFromTheSidecar() throws Exception {
        KubernetesEnsemble ensemble = deploy(new History());
        server.expect().get().withPath(execPath(ensemble, "etcd-2", ETCD.process().signalScript("STOP")))
                .andUpgradeToWebSocket().open(new StatusStreamMessage(0)).done().once();
        server.expect().get().withPath(execPath(ensemble, "etcd-2", ETCD.process().signalScript("CONT")))
                .andUpgradeToWebSocket().open(new StatusStreamMessage(0)).done().once();
        drainRequests();

        ensemble.members().pause(2);
        ensemble.members().resume(2);

        assertThat(drainRequests()).extracting(RecordedRequest::getPath).filteredOn(p -> p.contains("/exec?command=sh"))
                .hasSize(2).allMatch(p -> p.contains("/pods/etcd-2/") && p.contains("&container=chaos-net&"));
        ensemble.close();
    }

    @Test
    void aPartitionRunsTheSameScriptsInTheSidecarOfTheSourcePod() throws Exception {
        KubernetesEnsemble ensemble = deploy(new History());
        KubernetesPartition partition = ensemble.partition(new PartitionShape(3, "cut 2 -> 0",
                Set.of(new DirectedLink(2, 0)), List.of(2)));
        String tag = "quorum-chaos-" + ensemble.runId() + "-1";
        String ip = client.pods().inNamespace(ensemble.namespace()).withName("etcd-0").get().getStatus().getPodIP();
        server.expect().get().withPath(execPath(ensemble, "etcd-2", KubernetesPartition.cutScript(tag, List.of(ip))))
                .andUpgradeToWebSocket().open(new StatusStreamMessage(0)).done().once();
        server.expect().get().withPath(execPath(ensemble, "etcd-2", KubernetesPartition.healScript(tag)))
                .andUpgradeToWebSocket().open(new StatusStreamMessage(0)).done().once();
        drainRequests();

        partition.apply();
        partition.recover();

        assertThat(drainRequests()).extracting(RecordedRequest::getPath).filteredOn(p -> p.contains("/exec?command=sh"))
                .hasSize(2).allMatch(p -> p.contains("/pods/etcd-2/"));
        ensemble.close();
    }

    @Test
    void aLostVolumeDeletesTheMembersClaimThenItsPod() throws Exception {
        KubernetesEnsemble ensemble = deploy(new History());
        drainRequests();

        ensemble.members().loseVolume(0);

        assertThat(drainRequests().stream().filter(r -> r.getMethod().equals("DELETE")).map(RecordedRequest::getPath).toList())
                .first().asString().endsWith("/persistentvolumeclaims/data-etcd-0");
        ensemble.close();
    }

    private static String encode(String script) {
        return URLEncoder.encode(script, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private List<RecordedRequest> drainRequests() throws InterruptedException {
        return KillInPlace.drain(server);
    }
}
