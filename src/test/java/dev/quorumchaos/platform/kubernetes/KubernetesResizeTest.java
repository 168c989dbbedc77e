package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.ensemble.Resize;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MembershipChange;
import dev.quorumchaos.service.zookeeper.ZooKeeperService;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Growing and shrinking on Kubernetes against the mock server and the fake StatefulSet
 * controller. The service's own membership change cannot run there (no member answers), so a
 * recording double stands in for it and notes, at each call, what the cluster looked like: the
 * order of reconfig and scale is what these tests check.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class KubernetesResizeTest {

    KubernetesClient client;

    private FakeStatefulSetController cluster;

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    /** Notes each call with the StatefulSet's replicas and the member's pod as they are then. */
    private final class Recording implements MemberReconfig {
        final List<String> calls = new CopyOnWriteArrayList<>();
        KubernetesEnsemble ensemble;

        private String cluster(int ordinal) {
            StatefulSet set = client.apps().statefulSets().inNamespace(ensemble.namespace()).withName("zk").get();
            Pod pod = client.pods().inNamespace(ensemble.namespace()).withName("zk-" + ordinal).get();
            String state = pod == null ? "absent" : MemberPods.ready(pod) ? "ready" : MemberPods.running(pod) ? "running"
                    : "pending";
            return "replicas=" + set.getSpec().getReplicas() + " zk-" + ordinal + "=" + state;
        }

        @Override
        public String beforeStart(Members current, int ordinal) {
            calls.add("beforeStart " + ordinal + " via " + current.size() + " " + cluster(ordinal));
            return "learner " + ordinal + " added";
        }

        @Override
        public String join(Members current, int ordinal) {
            // the new member's port-forward is open: a service may reach it through it
            assertThat(current.peerHost(ordinal)).isEqualTo("zk-" + ordinal + ".zk-hs");
            assertThat(ensemble.clientAddress(ordinal).getAddress().isLoopbackAddress()).isTrue();
            calls.add("join " + ordinal + " via " + current.size() + " " + cluster(ordinal));
            return "reconfig -add server." + (ordinal + 1);
        }

        @Override
        public void abandon(Members current, int ordinal) {
            calls.add("abandon " + ordinal + " " + cluster(ordinal));
        }

        @Override
        public String remove(Members staying, int ordinal) {
            calls.add("remove " + ordinal + " via " + staying.size() + " " + cluster(ordinal));
            return "reconfig -remove " + (ordinal + 1);
        }

        @Override
        public List<String> voters(Members current) {
            return IntStream.range(0, current.size()).mapToObj(i -> "server." + (i + 1)).toList();
        }
    }

    private KubernetesEnsemble deploy(Recording recording, History history, String... nodes) {
        cluster = new FakeStatefulSetController(client, List.of(nodes));
        KubernetesEnsemble ensemble = KubernetesTarget.using(client, "mock").withDefaults(DeployOptions.defaults()
                .withStartTimeout(Duration.ofSeconds(20))).deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), history);
        recording.ensemble = ensemble;
        return ensemble.withReconfig(recording).withJoinTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(1));
    }

    private List<String> uids(KubernetesEnsemble ensemble, int count) {
        return IntStream.range(0, count).mapToObj(i -> client.pods().inNamespace(ensemble.namespace())
                .withName("zk-" + i).get().getMetadata().getUid()).toList();
    }

    @Test
    void growsTo4AndShrinksBackWithTheReconfigInsideTheScaleAndEverythingFollowingTheSize() throws Exception {
        Recording recording = new Recording();
        History history = new History();
        try (KubernetesEnsemble ensemble = deploy(recording, history, "node-a", "node-b", "node-c", "node-d")) {
            List<String> before = uids(ensemble, 3);
            String template = client.apps().statefulSets().inNamespace(ensemble.namespace()).withName("zk").get()
                    .getSpec().getTemplate().toString();
            ensemble.nodeSupply(members -> recording.calls.add("nodes for " + members + " " + recording.cluster(3)));

            Resize grown = ensemble.grow();

            assertThat(grown).isEqualTo(new Resize(3, true, false, "learner 3 added, then reconfig -add server.4"));
            assertThat(recording.calls).containsExactly(
                    "nodes for 4 replicas=3 zk-3=absent",
                    "beforeStart 3 via 3 replicas=3 zk-3=absent",
                    "join 3 via 3 replicas=4 zk-3=running");
            assertThat(MemberPods.ready(client.pods().inNamespace(ensemble.namespace()).withName("zk-3").get()))
                    .as("the grow returns once the new member serves").isTrue();
            assertThat(ensemble.size()).isEqualTo(4);
            assertThat(ensemble.observer().size()).isEqualTo(4);
            assertThat(ensemble.budgetObservations().members()).isEqualTo(4);
            assertThat(ensemble.membership()).containsExactly("server.1", "server.2", "server.3", "server.4");

            Resize shrunk = ensemble.shrink();

            assertThat(shrunk.member()).isEqualTo(3);
            assertThat(shrunk.added()).isFalse();
            assertThat(recording.calls).last().isEqualTo("remove 3 via 3 replicas=4 zk-3=ready");
            assertThat(client.pods().inNamespace(ensemble.namespace()).withName("zk-3").get()).isNull();
            assertThat(client.persistentVolumeClaims().inNamespace(ensemble.namespace()).withName("data-zk-3").get())
                    .as("a later grow starts member 3 empty").isNull();
            assertThat(client.apps().statefulSets().inNamespace(ensemble.namespace()).withName("zk").get().getSpec()
                    .getReplicas()).isEqualTo(3);
            assertThat(ensemble.size()).isEqualTo(3);
            assertThat(ensemble.observer().size()).isEqualTo(3);
            assertThat(ensemble.budgetObservations().members()).isEqualTo(3);
            assertThat(history.memberships()).extracting(MembershipChange::from, MembershipChange::to)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(3, 4), org.assertj.core.groups.Tuple.tuple(4, 3));
            // a joining member counts once it serves and a leaving one stops counting before its pod goes
            assertThat(ensemble.budgetObservations().counted()).allSatisfy(s -> assertThat(s.pods()).doesNotContain("zk-3"));
            assertThat(ensemble.budgetObservations().firstBreach()).isEmpty();

            assertThat(uids(ensemble, 3)).as("scaling rolls no member").isEqualTo(before);
            assertThat(client.apps().statefulSets().inNamespace(ensemble.namespace()).withName("zk").get().getSpec()
                    .getTemplate().toString()).isEqualTo(template);
            assertThat(cluster.refusals()).as("what the API server would refuse").isEmpty();

            ensemble.grow();

            assertThat(recording.calls).last().isEqualTo("join 3 via 3 replicas=4 zk-3=running");
            assertThat(ensemble.size()).isEqualTo(4);
        }
    }

    @Test
    void aNewMemberTheSchedulerCannotPlaceFailsTheGrowWithTheSchedulersReasonAndIsTakenBack() {
        Recording recording = new Recording();
        try (KubernetesEnsemble ensemble = deploy(recording, new History(), "node-a", "node-b", "node-c")) {

            assertThatThrownBy(ensemble::grow).isInstanceOf(ChaosException.class)
                    .hasMessageContaining("cannot grow to 4 members: zk-3 cannot be scheduled")
                    .hasMessageContaining("0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules");

            assertThat(recording.calls).containsExactly(
                    "beforeStart 3 via 3 replicas=3 zk-3=absent",
                    "abandon 3 replicas=3 zk-3=pending");
            assertThat(ensemble.size()).isEqualTo(3);
            assertThat(ensemble.observer().size()).isEqualTo(3);
            assertThat(client.pods().inNamespace(ensemble.namespace()).withName("zk-3").get()).isNull();
            assertThat(client.persistentVolumeClaims().inNamespace(ensemble.namespace()).withName("data-zk-3").get()).isNull();
        }
    }

    @Test
    void aNewMemberThatNeverBecomesReadyFailsTheGrowNamingItsPodAndCountsAsTheMemberItBecame() {
        Recording recording = new Recording();
        try (KubernetesEnsemble ensemble = deploy(recording, new History(), "node-a", "node-b", "node-c", "node-d")
                .withJoinTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))) {
            cluster.neverReady(client.apps().statefulSets().inNamespace(ensemble.namespace()).withName("zk").get().getSpec()
                    .getTemplate().getSpec().getContainers().get(0).getImage());

            assertThatThrownBy(ensemble::grow).isInstanceOf(ChaosException.class)
                    .hasMessageContaining("member 3 (zk-3) joined (learner 3 added, then reconfig -add server.4) but its"
                            + " pod is not Ready 1 s later: zk-3 Running")
                    .hasMessageContaining("Unhealthy (kubelet): Readiness probe failed");

            assertThat(recording.calls).extracting(c -> c.split(" ")[0]).containsExactly("beforeStart", "join");
            assertThat(ensemble.observer().size()).as("the service counts it: so does the observer").isEqualTo(4);
        }
    }
}
