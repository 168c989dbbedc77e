package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.ensemble.EnsembleView;
import dev.quorumchaos.ensemble.MemberControl;
import dev.quorumchaos.fault.FaultInjector;
import dev.quorumchaos.fault.FaultSite;
import dev.quorumchaos.fault.Procedure;
import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberState;
import dev.quorumchaos.report.Progress;
import dev.quorumchaos.service.zookeeper.ZooKeeperService;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rolling updates by the StatefulSet controller, against the mock server with the fake
 * controller taught them: the partition stops half-way, the highest ordinal goes first, one pod
 * at a time, each pod's replacement a fault window, and a controller that never rolls out stops
 * the operation with the reason.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class StatefulSetRolloutTest {

    KubernetesClient client;
    io.fabric8.kubernetes.client.server.mock.KubernetesMockServer server;

    private FakeStatefulSetController cluster;

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private KubernetesEnsemble deploy() {
        cluster = new FakeStatefulSetController(client, List.of("node-a", "node-b", "node-c"));
        KubernetesEnsemble ensemble = KubernetesTarget.using(client, "mock").withDefaults(DeployOptions.defaults()
                .withStartTimeout(Duration.ofSeconds(20))).deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History());
        await("every member Ready").atMost(Duration.ofSeconds(20)).until(() -> pods(ensemble).values().stream()
                .allMatch(MemberPods::ready));
        return ensemble;
    }

    private Map<String, Pod> pods(KubernetesEnsemble ensemble) {
        return client.pods().inNamespace(ensemble.namespace()).list().getItems().stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p));
    }

    /** Members serve when their pods are Ready: the mock's pods run no ZooKeeper to ask. */
    private final class Site implements FaultSite {
        final KubernetesEnsemble ensemble;
        final FaultInjector injector;
        final History history;
        final List<String> said = Collections.synchronizedList(new ArrayList<>());

        Site(KubernetesEnsemble ensemble, History history) {
            this.history = history;
            this.ensemble = ensemble;
            this.injector = new FaultInjector(history, new MemberControl() {
                public void kill(int ordinal) { }
                public void pause(int ordinal) { }
                public void resume(int ordinal) { }
                public void loseVolume(int ordinal) { }
                public void ensureRunning(int ordinal) { }
                public int starts(int ordinal) { return 1; }
                public void onStart(IntConsumer listener) { }
            }, Progress.silent());
        }

        @Override public MemberControl members() { throw new AssertionError("not used"); }
        @Override public EnsembleView refresh() {
            Map<String, Pod> pods = pods(ensemble);
            List<MemberState> states = IntStream.range(0, 3).mapToObj(i -> Optional.ofNullable(pods.get("zk-" + i))
                    .filter(MemberPods::ready).map(p -> i == 0 ? MemberState.LEADER : MemberState.FOLLOWER)
                    .orElse(MemberState.DOWN)).toList();
            return new EnsembleView(states, List.of(1L, 1L, 1L));
        }
        @Override public <T> Optional<T> capability(Class<T> type) { return Optional.empty(); }
        @Override public String targetName() { return "mock"; }
        @Override public RuntimeException skip(String reason) { return new IllegalStateException(reason); }
        @Override public boolean allowsSharedNodes() { return true; }
        @Override public void say(String line) { said.add(line); }
        @Override public FaultInjector injector() { return injector; }

        @Override public History history() { return history; }
    }

    private static String image(Pod pod) {
        return pod.getSpec().getContainers().stream().filter(c -> c.getName().equals("zookeeper")).findFirst()
                .orElseThrow().getImage();
    }

    @Test
    void anUpgradeOfOneMemberReplacesOnlyTheHighestOrdinalAndAReplacedLowerPodKeepsTheOldRelease() {
        try (KubernetesEnsemble ensemble = deploy()) {
            Map<String, Pod> before = pods(ensemble);
            History history = new History();
            Site site = new Site(ensemble, history);

            Procedure upgrade = ensemble.upgrade("3.9.5", 1, site);
            upgrade.apply();

            assertThat(upgrade.stalled()).isEmpty();
            Map<String, Pod> after = pods(ensemble);
            assertThat(image(after.get("zk-2"))).isEqualTo("zookeeper:3.9.5");
            assertThat(after.get("zk-2").getMetadata().getUid()).isNotEqualTo(before.get("zk-2").getMetadata().getUid());
            for (String kept : List.of("zk-0", "zk-1")) {
                assertThat(after.get(kept).getMetadata().getUid()).isEqualTo(before.get(kept).getMetadata().getUid());
                assertThat(image(after.get(kept))).isEqualTo(image(before.get(kept)));
            }
            var status = client.apps().statefulSets().inNamespace(ensemble.namespace()).withName("zk").get().getStatus();
            assertThat(status.getUpdatedReplicas()).isEqualTo(1);
            assertThat(status.getCurrentRevision()).isNotEqualTo(status.getUpdateRevision());
            assertThat(history.faultEvents()).extracting(e -> e.kind() + " " + e.phase() + " " + e.members())
                    .containsExactly("rolling-upgrade APPLY [2]", "rolling-upgrade RECOVER [2]");

            // below the partition, a deleted pod comes back at the current revision, not the update's
            client.pods().inNamespace(ensemble.namespace()).withName("zk-0").delete();
            await("zk-0 back").atMost(Duration.ofSeconds(10)).until(() -> Optional.ofNullable(pods(ensemble).get("zk-0"))
                    .filter(p -> !p.getMetadata().getUid().equals(before.get("zk-0").getMetadata().getUid())).isPresent());
            assertThat(image(pods(ensemble).get("zk-0"))).isEqualTo(image(before.get("zk-0")));
        }
    }

    @Test
    void aRollingRestartReplacesEveryPodHighestOrdinalFirstOneAtATime() {
        try (KubernetesEnsemble ensemble = deploy()) {
            History history = new History();
            Site site = new Site(ensemble, history);

            Procedure restart = ensemble.restart(site);
            restart.apply();

            assertThat(restart.stalled()).isEmpty();
            assertThat(history.faultEvents()).extracting(e -> e.phase() + " " + e.members()).containsExactly(
                    "APPLY [2]", "RECOVER [2]", "APPLY [1]", "RECOVER [1]", "APPLY [0]", "RECOVER [0]");
            assertThat(pods(ensemble).values()).allSatisfy(p -> assertThat(p.getMetadata().getAnnotations())
                    .containsKey(StatefulSetRollout.RESTARTED_AT));
            assertThat(restart.outcome()).startsWith("3 pod(s) replaced, each Ready at revision zk-");
        }
    }

    @Test
    void aReleaseThatNeverGetsReadyStopsTheRolloutAtItsFirstPodAndTheOperationSaysWhere() {
        try (KubernetesEnsemble ensemble = deploy()) {
            cluster.neverReady("zookeeper:3.9.99");
            History history = new History();
            Procedure upgrade = ensemble.rollout("zookeeper:3.9.99", 0, new Site(ensemble, history), Duration.ofSeconds(2));

            upgrade.apply();

            assertThat(upgrade.stalled()).hasValueSatisfying(why -> assertThat(why)
                    .contains("did not finish its rollout").contains("pods not Ready at revision zk-")
                    .contains("[zk-0, zk-1, zk-2]"));
            // as documented, the controller waits for zk-2 to be Running and Ready: zk-1 and zk-0 are untouched
            Map<String, Pod> pods = pods(ensemble);
            assertThat(image(pods.get("zk-2"))).isEqualTo("zookeeper:3.9.99");
            assertThat(image(pods.get("zk-1"))).isNotEqualTo("zookeeper:3.9.99");
            assertThat(image(pods.get("zk-0"))).isNotEqualTo("zookeeper:3.9.99");
            assertThat(history.faultEvents()).extracting(e -> e.phase() + " " + e.members()).containsExactly("APPLY [2]");
        }
    }

    /** The controller writes the status while the harness edits the template: a 409 is read again and patched again. */
    @Test
    void aConflictWithTheControllersStatusWriteIsPatchedAgain() {
        try (KubernetesEnsemble ensemble = deploy()) {
            server.expect().patch().withPath("/apis/apps/v1/namespaces/" + ensemble.namespace() + "/statefulsets/zk")
                    .andReturn(409, new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(409).withReason("Conflict")
                            .withMessage("Operation cannot be fulfilled on statefulsets.apps \"zk\": the object has been"
                                    + " modified; please apply your changes to the latest version and try again").build())
                    .once();
            History history = new History();

            Procedure upgrade = ensemble.upgrade("3.9.5", 1, new Site(ensemble, history));
            upgrade.apply();

            assertThat(upgrade.stalled()).isEmpty();
            assertThat(image(pods(ensemble).get("zk-2"))).isEqualTo("zookeeper:3.9.5");
        }
    }

    @Test
    void theTagOfAnImageIsReplacedKeepingItsRegistryAndAVPrefix() {
        assertThat(StatefulSetRollout.withTag("zookeeper:3.9", "3.9.5")).isEqualTo("zookeeper:3.9.5");
        assertThat(StatefulSetRollout.withTag("quay.io/coreos/etcd:v3.5.17", "3.5.21")).isEqualTo("quay.io/coreos/etcd:v3.5.21");
        assertThat(StatefulSetRollout.withTag("localhost:5000/zookeeper", "3.8.4")).isEqualTo("localhost:5000/zookeeper:3.8.4");
    }
}
