package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.service.zookeeper.ZooKeeperService;
import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.fault.partition.DirectedLink;
import dev.quorumchaos.fault.partition.LinkBehaviour;
import dev.quorumchaos.fault.partition.PartitionShape;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberState;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.ErrorStreamMessage;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class KubernetesTargetTest {

    KubernetesClient client;
    KubernetesMockServer server;

    private FakeStatefulSetController controller;

    @AfterEach
    void stopController() {
        if (controller != null) {
            controller.close();
        }
    }

    private KubernetesTarget target(String... nodes) {
        controller = new FakeStatefulSetController(client, List.of(nodes));
        return KubernetesTarget.using(client, "mock")
                .withDefaults(DeployOptions.defaults().withStartTimeout(Duration.ofSeconds(20)));
    }

    private List<HasMetadata> objectsIn(String namespace) {
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(client.services().inNamespace(namespace).list().getItems());
        all.addAll(client.apps().statefulSets().inNamespace(namespace).list().getItems());
        all.addAll(client.policy().v1().podDisruptionBudget().inNamespace(namespace).list().getItems());
        all.addAll(client.pods().inNamespace(namespace).list().getItems());
        return all;
    }

    @Test
    void deployCreatesALabelledNamespaceWithTheManifestsRenderedForTheScenario() {
        KubernetesTarget target = target("node-a", "node-b", "node-c");

        KubernetesEnsemble ensemble = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), target.defaults().withMaxUnavailable(1), new History());

        String ns = ensemble.namespace();
        Namespace namespace = client.namespaces().withName(ns).get();
        assertThat(namespace.getMetadata().getLabels()).containsEntry(RunLabels.RUN, ensemble.runId());
        assertThat(namespace.getMetadata().getAnnotations()).containsKey(RunLabels.OWNER);
        assertThat(objectsIn(ns)).hasSize(2 + 1 + 1 + 3)
                .allSatisfy(o -> assertThat(o.getMetadata().getLabels()).containsEntry(RunLabels.RUN, ensemble.runId()));

        PodDisruptionBudget pdb = client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("zk-pdb").get();
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);

        StatefulSet sts = client.apps().statefulSets().inNamespace(ns).withName("zk").get();
        assertThat(sts.getSpec().getReplicas()).isEqualTo(3);
        assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(sts.getSpec().getTemplate().getMetadata().getLabels()).containsEntry(RunLabels.RUN, ensemble.runId());
        assertThat(sts.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getLabels())
                .containsEntry(RunLabels.RUN, ensemble.runId());
        assertThat(sts.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .extracting(EnvVar::getName, EnvVar::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple("ZK_REPLICAS", "3"),
                        org.assertj.core.groups.Tuple.tuple("ZOO_TICK_TIME", "500"),
                        org.assertj.core.groups.Tuple.tuple("ZOO_SYNC_LIMIT", "5"));
        List<PodAffinityTerm> antiAffinity = sts.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution();
        assertThat(antiAffinity).singleElement().extracting(PodAffinityTerm::getTopologyKey).isEqualTo("kubernetes.io/hostname");

        assertThat(List.of(ensemble.nodeOf(0), ensemble.nodeOf(1), ensemble.nodeOf(2)))
                .containsExactlyInAnyOrder("node-a", "node-b", "node-c");
        assertThat(ensemble.clientAddress(0).getAddress().isLoopbackAddress()).isTrue();
        assertThat(ensemble.members().starts(2)).isEqualTo(1);
        assertThat(target.hasNodes()).isTrue();

        ensemble.close();
        assertThat(client.namespaces().withName(ns).get()).isNull();
    }

    @Test
    void theBudgetAndAPreferredAntiAffinityComeFromTheOptions() {
        KubernetesTarget target = target("node-a", "node-b");

        KubernetesEnsemble ensemble = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(5),
                target.defaults().withMaxUnavailable(2).withRequiredAntiAffinity(false), new History());

        String ns = ensemble.namespace();
        assertThat(client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("zk-pdb").get()
                .getSpec().getMaxUnavailable().getIntVal()).isEqualTo(2);
        var anti = client.apps().statefulSets().inNamespace(ns).withName("zk").get()
                .getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity();
        assertThat(anti.getRequiredDuringSchedulingIgnoredDuringExecution()).isEmpty();
        assertThat(anti.getPreferredDuringSchedulingIgnoredDuringExecution()).singleElement()
                .satisfies(w -> assertThat(w.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
        ensemble.close();
    }

    @Test
    void tooFewNodesForOneMemberEachIsBadInputBeforeAnythingIsCreated() {
        KubernetesTarget target = target("node-a", "node-b");

        assertThatThrownBy(() -> target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History()))
                .isInstanceOf(ChaosException.class)
                .matches(e -> ((ChaosException) e).badInput())
                .hasMessageContaining("one member per node needs 3 schedulable nodes; mock has 2");
        assertThat(client.namespaces().list().getItems()).isEmpty();
    }

    private String execPath(KubernetesEnsemble ensemble, String pod, String container, String script) {
        return "/api/v1/namespaces/" + ensemble.namespace() + "/pods/" + pod + "/exec?command=sh&command=-c&command="
                + encode(script) + "&container=" + container + "&stdout=true&stderr=true";
    }

    @Test
    void aKillIsSigkillToTheJvmInsideThePodWhoseContainerRestartsInPlace() throws Exception {
        KubernetesTarget target = target("node-a", "node-b", "node-c");
        KubernetesEnsemble ensemble = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History());
        List<Integer> started = new CopyOnWriteArrayList<>();
        ensemble.members().onStart(started::add);
        String uid = client.pods().inNamespace(ensemble.namespace()).withName("zk-1").get().getMetadata().getUid();
        // the container dies under the exec, which ends with the container's exit code
        server.expect().get().withPath(execPath(ensemble, "zk-1", "zookeeper", ServiceParts.ZOOKEEPER.process().signalScript("KILL")))
                .andUpgradeToWebSocket().open().waitFor(300).andEmit(new StatusStreamMessage(137)).done().once();
        drainRequests();

        List<RecordedRequest> seen = KillInPlace.kill(server, controller, ensemble, 1, "zk-1");
        assertThat(seen).noneMatch(r -> r.getMethod().equals("DELETE"));
        await("zk-1 restarted in place").atMost(Duration.ofSeconds(10)).until(() -> started.contains(1));
        Pod pod = client.pods().inNamespace(ensemble.namespace()).withName("zk-1").get();
        assertThat(pod.getMetadata().getUid()).as("the same pod").isEqualTo(uid);
        assertThat(pod.getStatus().getContainerStatuses()).filteredOn(c -> c.getName().equals("zookeeper"))
                .singleElement().satisfies(c -> {
                    assertThat(c.getRestartCount()).isEqualTo(1);
                    assertThat(c.getLastState().getTerminated().getExitCode()).isEqualTo(137);
                });
        assertThat(ensemble.members().starts(1)).isEqualTo(2);
        ensemble.close();
    }

    @Test
    void aKillTheScriptSawThroughDoesNotFailWhenTheKubeletIsSlowToTell() throws Exception {
        KubernetesTarget target = target("node-a", "node-b", "node-c");
        KubernetesEnsemble ensemble = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History());
        server.expect().get().withPath(execPath(ensemble, "zk-2", "zookeeper", ServiceParts.ZOOKEEPER.process().signalScript("KILL")))
                .andUpgradeToWebSocket().open(new StatusStreamMessage(0)).done().once();

        ensemble.withDeathTimeout(Duration.ofMillis(300)).members().kill(2);

        assertThat(drainRequests()).anyMatch(r -> r.getPath().contains("/pods/zk-2/exec")).noneMatch(r -> r.getMethod().equals("DELETE"));
        ensemble.close();
    }

    @Test
    void aKillThatCannotReachTheJvmOrDoesNotShowIsAnErrorThatSaysWhy() {
        KubernetesTarget target = target("node-a", "node-b", "node-c");
        KubernetesEnsemble ensemble = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History()).withDeathTimeout(Duration.ofSeconds(1));
        server.expect().get().withPath(execPath(ensemble, "zk-0", "zookeeper", ServiceParts.ZOOKEEPER.process().signalScript("KILL")))
                .andUpgradeToWebSocket().open(new ErrorStreamMessage("the ZooKeeper JVM is PID 1 of its PID namespace, where the"
                        + " kernel ignores SIGKILL sent from inside: the pod needs shareProcessNamespace: true\n"),
                        new StatusStreamMessage(ServerProcess.PID_ONE)).done().once();
        server.expect().get().withPath(execPath(ensemble, "zk-0", "zookeeper", ServiceParts.ZOOKEEPER.process().signalScript("KILL")))
                .andUpgradeToWebSocket().open(new StatusStreamMessage(137)).done().once();

        assertThatThrownBy(() -> ensemble.members().kill(0)).isInstanceOf(ChaosException.class)
                .hasMessageContaining("cannot kill member 0 (zk-0)").hasMessageContaining("shareProcessNamespace: true");
        assertThatThrownBy(() -> ensemble.members().kill(0)).isInstanceOf(ChaosException.class)
                .hasMessageContaining("the exec ended with 137")
                .hasMessageContaining("its ZooKeeper container still runs after 1 s");
        ensemble.close();
    }

    @Test
    void aPodDeletionIsGracefulAndReturnsOnceThePodIsGone() throws Exception {
        KubernetesTarget target = target("node-a", "node-b", "node-c");
        KubernetesEnsemble ensemble = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History());
        List<Integer> started = new CopyOnWriteArrayList<>();
        ensemble.members().onStart(started::add);
        String uid = client.pods().inNamespace(ensemble.namespace()).withName("zk-1").get().getMetadata().getUid();
        drainRequests();

        ensemble.deletePod(1, null);

        RecordedRequest delete = drainRequests().stream()
                .filter(r -> r.getMethod().equals("DELETE") && r.getPath().endsWith("/pods/zk-1")).findFirst().orElseThrow();
        assertThat(delete.getBody().readUtf8()).doesNotContain("gracePeriodSeconds");
        Pod now = client.pods().inNamespace(ensemble.namespace()).withName("zk-1").get();
        assertThat(now == null ? null : now.getMetadata().getUid()).as("the old pod is gone").isNotEqualTo(uid);
        await("zk-1 recreated").atMost(Duration.ofSeconds(10)).until(() -> started.contains(1));
        assertThat(ensemble.members().starts(1)).isEqualTo(2);

        ensemble.deletePod(2, Duration.ofSeconds(3));
        assertThat(drainRequests().stream().filter(r -> r.getMethod().equals("DELETE")).map(r -> r.getBody().readUtf8()))
                .singleElement().asString().contains("\"gracePeriodSeconds\":3");
        ensemble.close();
    }

    @Test
    void podsOfOtherNamespacesOnAMembersNodeAreFoundAndDaemonSetPodsAreNot() {
        KubernetesTarget target = target("node-a", "node-b", "node-c");
        KubernetesEnsemble ensemble = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History());
        String node = ensemble.nodeOf(0);
        client.pods().inNamespace("payments").resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("api-0").withNamespace("payments").endMetadata()
                .withNewSpec().withNodeName(node).endSpec().build()).create();
        client.pods().inNamespace("kube-system").resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("proxy-x").withNamespace("kube-system")
                .addNewOwnerReference().withKind("DaemonSet").withName("proxy").withApiVersion("apps/v1")
                .withUid("u").endOwnerReference().endMetadata()
                .withNewSpec().withNodeName(node).endSpec().build()).create();

        assertThat(ensemble.foreignPodsNextTo(0)).containsExactly("payments/api-0");
        ensemble.close();
    }

    @Test
    void loseVolumeDeletesTheClaimAndThenThePod() throws Exception {
        KubernetesTarget target = target("node-a", "node-b", "node-c");
        KubernetesEnsemble ensemble = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History());
        String claimUid = client.persistentVolumeClaims().inNamespace(ensemble.namespace()).withName("data-zk-2").get()
                .getMetadata().getUid();
        drainRequests();

        ensemble.members().loseVolume(2);

        List<String> deletes = drainRequests().stream().filter(r -> r.getMethod().equals("DELETE")).map(RecordedRequest::getPath)
                .toList();
        assertThat(deletes).first().asString().endsWith("/persistentvolumeclaims/data-zk-2");
        assertThat(deletes).anyMatch(p -> p.endsWith("/pods/zk-2"));
        var claim = client.persistentVolumeClaims().inNamespace(ensemble.namespace()).withName("data-zk-2").get();
        assertThat(claim == null ? null : claim.getMetadata().getUid()).as("the claim is gone or a new one").isNotEqualTo(claimUid);
        ensemble.close();
    }

    @Test
    void pauseAndResumeSignalTheJvmThroughExecAndAFailedSignalIsAnError() {
        KubernetesTarget target = target("node-a", "node-b", "node-c");
        KubernetesEnsemble ensemble = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History());
        server.expect().get().withPath(execPath(ensemble, "zk-0", "zookeeper", ServiceParts.ZOOKEEPER.process().signalScript("STOP")))
                .andUpgradeToWebSocket().open(new StatusStreamMessage(0)).done().once();
        server.expect().get().withPath(execPath(ensemble, "zk-0", "zookeeper", ServiceParts.ZOOKEEPER.process().signalScript("CONT")))
                .andUpgradeToWebSocket().open(new OutputStreamMessage(""), new StatusStreamMessage(1)).done().once();

        ensemble.members().pause(0);

        assertThatThrownBy(() -> ensemble.members().resume(0)).isInstanceOf(ChaosException.class)
                .hasMessageContaining("kill -CONT in zk-0 exited 1");
        ensemble.close();
    }

    @Test
    void aPartitionRunsItsScriptsInTheSidecarOfTheSourcePod() throws Exception {
        KubernetesTarget target = target("node-a", "node-b", "node-c");
        KubernetesEnsemble ensemble = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History());
        KubernetesPartition partition = ensemble.partition(new PartitionShape(3, "cut 0 -> 1",
                java.util.Set.of(new DirectedLink(0, 1)), List.of(0)));
        String tag = "quorum-chaos-" + ensemble.runId() + "-1";
        String ip = client.pods().inNamespace(ensemble.namespace()).withName("zk-1").get().getStatus().getPodIP();
        String exec = "/api/v1/namespaces/" + ensemble.namespace() + "/pods/zk-0/exec?command=sh&command=-c&command=";
        String query = "&container=chaos-net&stdout=true&stderr=true";
        server.expect().get().withPath(exec + encode(KubernetesPartition.cutScript(tag, List.of(ip))) + query)
                .andUpgradeToWebSocket().open(new StatusStreamMessage(0)).done().once();
        server.expect().get().withPath(exec + encode(KubernetesPartition.healScript(tag)) + query)
                .andUpgradeToWebSocket().open(new StatusStreamMessage(0)).done().once();
        drainRequests();

        partition.apply();
        partition.recover();

        assertThat(drainRequests()).extracting(RecordedRequest::getPath).filteredOn(KubernetesTargetTest::faultExec)
                .hasSize(2).allMatch(p -> p.contains("/pods/zk-0/"));
        assertThat(partition.members()).containsExactly(0);
        assertThat(partition.description()).isEqualTo("cut 0 -> 1");
        ensemble.close();
    }

    @Test
    void slowLinksAreSkippedInTcsWordsWhereTheNodesKernelLacksNetem() {
        KubernetesTarget target = target("node-a", "node-b", "node-c");
        KubernetesEnsemble ensemble = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History());
        server.expect().get().withPath(execPath(ensemble, "zk-0", "chaos-net", DelayRules.probeScript()))
                .andUpgradeToWebSocket().open(new ErrorStreamMessage("Error: Specified qdisc kind is unknown.\n"),
                        new StatusStreamMessage(DelayRules.NO_QDISC)).done().once();

        var cannot = ensemble.cannot(LinkBehaviour.delay(Duration.ofMillis(100)));

        assertThat(cannot).get().asString().contains("needs the prio and netem queueing disciplines")
                .contains("chaos-net sidecar of zk-0 on node " + ensemble.nodeOf(0))
                .endsWith("said: Error: Specified qdisc kind is unknown.");
        assertThat(ensemble.cannot(LinkBehaviour.delay(Duration.ofMillis(300)))).as("asked once").isEqualTo(cannot);
        assertThat(ensemble.cannot(LinkBehaviour.blackhole())).isEmpty();
        ensemble.close();
    }

    @Test
    void slowLinksAreSetByTheDelayScriptInTheSidecarOfEachSourceAndHealedThere() throws Exception {
        KubernetesTarget target = target("node-a", "node-b", "node-c");
        KubernetesEnsemble ensemble = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History());
        for (String pod : List.of("zk-0", "zk-1", "zk-2")) {
            server.expect().get().withPath(execPath(ensemble, pod, "chaos-net", DelayRules.probeScript()))
                    .andUpgradeToWebSocket().open(new StatusStreamMessage(0)).done().always();
        }
        assertThat(ensemble.cannot(LinkBehaviour.delay(Duration.ofMillis(100)))).isEmpty();
        var fault = ensemble.partition(new PartitionShape(3, "slow member 2", java.util.Set.of(new DirectedLink(2, 0),
                new DirectedLink(2, 1), new DirectedLink(0, 2)), List.of(2)), LinkBehaviour.delay(Duration.ofMillis(100)));
        String tag = "quorum-chaos-" + ensemble.runId() + "-1";
        DelayRules delay = new DelayRules(Duration.ofMillis(100));
        List<String> ips = new ArrayList<>();
        for (String pod : List.of("zk-0", "zk-1", "zk-2")) {
            ips.add(client.pods().inNamespace(ensemble.namespace()).withName(pod).get().getStatus().getPodIP());
        }
        server.expect().get().withPath(execPath(ensemble, "zk-2", "chaos-net",
                delay.applyScript(tag, ips.subList(0, 2).stream().sorted().toList())))
                .andUpgradeToWebSocket().open(new StatusStreamMessage(0)).done().once();
        server.expect().get().withPath(execPath(ensemble, "zk-0", "chaos-net", delay.applyScript(tag, List.of(ips.get(2)))))
                .andUpgradeToWebSocket().open(new StatusStreamMessage(0)).done().once();
        for (String pod : List.of("zk-0", "zk-2")) {
            server.expect().get().withPath(execPath(ensemble, pod, "chaos-net", delay.healScript(tag)))
                    .andUpgradeToWebSocket().open(new StatusStreamMessage(0)).done().once();
        }
        drainRequests();

        fault.apply();
        fault.recover();

        assertThat(drainRequests()).extracting(RecordedRequest::getPath).filteredOn(KubernetesTargetTest::faultExec)
                .hasSize(4).noneMatch(p -> p.contains("/pods/zk-1/"));
        assertThat(fault.description()).isEqualTo("slow member 2 (links delay 100 ms)");
        ensemble.close();
    }

    /**
     * The mock server sends a websocket's messages at once and closes it when none is left to send
     * or expected, so the stream here brings one answer and stays open (it waits for a message that
     * never comes): the member is seen leading, then unresponsive as no answer follows, all the
     * while on the one stream.
     */
    @Test
    void rolesComeFromOneStreamPerMemberPodNotFromANewStreamPerPoll() throws Exception {
        KubernetesTarget target = target("node-a", "node-b", "node-c");
        History history = new History();
        KubernetesEnsemble ensemble = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), history);
        try { // its observer must stop even when an assertion fails, or it prints into later tests' stderr
            String observe = "/api/v1/namespaces/" + ensemble.namespace() + "/pods/zk-0/exec?command=bash&command=-c&command="
                    + encode(StatusStream.script(ServiceParts.ZOOKEEPER.statusQuestion())) + "&container=chaos-net&stdout=true&stderr=true";
            drainRequests();
            server.expect().get().withPath(observe).andUpgradeToWebSocket()
                    .open(new OutputStreamMessage("@@begin 1\nZookeeper version: 3.9.5\nMode: leader\nZxid: 0x200000001\n@@end 1 ok\n"))
                    .expect("nothing").andEmit(new OutputStreamMessage("")).always()
                    .done().once();

            // an exec whose upgrade the loaded mock server never completes is given up as stalled after
            // 10 s (StatusStreams.STALLED) and opened again: the new stream is the one that answers
            await("member 0 seen leading").atMost(Duration.ofSeconds(20)).until(() -> ensemble.view().state(0) == MemberState.LEADER);
            List<RecordedRequest> seen = new ArrayList<>(drainRequests());
            assertThat(ensemble.view().epochs().get(0)).isEqualTo(2L);
            await("no answer follows").atMost(Duration.ofSeconds(15)).until(() -> ensemble.view().state(0) == MemberState.UNRESPONSIVE);
            seen.addAll(drainRequests());

            // a stream per poll would be one request every 100 ms; the stream the deploy opened before
            // the expectation existed fails and is retried once a second, and one such retry may land
            // between the drain above and the expectation
            assertThat(seen).filteredOn(r -> r.getPath().equals(observe)).as("one stream for zk-0").hasSizeBetween(1, 2);
            assertThat(seen).filteredOn(r -> r.getPath().contains("/pods/zk-1/exec")).as("failed streams are retried once a second")
                    .hasSizeLessThanOrEqualTo(10);
            assertThat(ensemble.view().state(1)).isEqualTo(MemberState.DOWN);
            assertThat(history.stateChanges()).filteredOn(c -> c.member() == 0).extracting(c -> c.state())
                    .containsSubsequence(MemberState.LEADER, MemberState.UNRESPONSIVE);
        } finally {
            ensemble.close();
        }
    }

    /** An exec a fault sent, not the observer's stream. */
    private static boolean faultExec(String path) {
        return path.contains("/exec?") && !path.contains("command=bash");
    }

    private static String encode(String script) {
        return java.net.URLEncoder.encode(script, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private List<RecordedRequest> drainRequests() throws InterruptedException {
        return KillInPlace.drain(server);
    }
}
