package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.service.zookeeper.ZooKeeperService;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.fault.node.TaintNode;
import dev.quorumchaos.history.History;
import dev.quorumchaos.workload.MemberContents;
import dev.quorumchaos.workload.Workload;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Defect 3 of issue 13: on a cluster with exactly as many nodes as members, a member evicted by a
 * NoExecute taint cannot be placed anywhere (required anti-affinity elsewhere, an untolerated taint
 * and its local volume on its own node). It stays Pending until the node is untainted; until
 * then, whatever cannot read it says why in the scheduler's own words.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class UnschedulableMemberTest {

    KubernetesClient client;

    private FakeStatefulSetController cluster;

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    private Pod pod(KubernetesEnsemble ensemble, int ordinal) {
        return client.pods().inNamespace(ensemble.namespace()).withName(ensemble.podName(ordinal)).get();
    }

    private static boolean unschedulable(Pod pod) {
        return pod != null && pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus()
                .getConditions().stream().anyMatch(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()));
    }

    @Test
    void aMemberEvictedByANoExecuteTaintStaysPendingWithTheSchedulersReasonUntilTheNodeIsUntainted() {
        cluster = new FakeStatefulSetController(client, List.of("node-a", "node-b", "node-c"));
        History history = new History();
        try (KubernetesEnsemble ensemble = KubernetesTarget.using(client, "mock").withDefaults(DeployOptions.defaults()
                .withStartTimeout(Duration.ofSeconds(20))).deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), history);
             Workload workload = new Workload(ensemble, ZooKeeperService.INSTANCE.clients(ensemble, history), history)) {
            String node = ensemble.nodeOf(1);
            String uid = pod(ensemble, 1).getMetadata().getUid();
            TaintNode taint = ensemble.nodeFaults().taint(1, "chaos=true:NoExecute");

            taint.apply();

            await("member 1 evicted and unplaceable").atMost(Duration.ofSeconds(10)).until(() -> {
                Pod now = pod(ensemble, 1);
                return now != null && !now.getMetadata().getUid().equals(uid) && unschedulable(now);
            });
            String scheduler = "0/3 nodes are available: 1 node(s) had untolerated taint {chaos: true}, "
                    + "2 node(s) had volume node affinity conflict.";
            MemberContents unreadable = workload.readEveryMember(Duration.ofSeconds(1)).get(1);
            assertThat(unreadable.readable()).isFalse();
            assertThat(unreadable.unreadableBecause()).contains(scheduler);
            assertThat(ensemble.whyUnavailable(1)).get().asString()
                    .contains("zk-1 Pending, unschedulable: " + scheduler)
                    .contains("FailedScheduling (default-scheduler): " + scheduler)
                    .contains("TaintManagerEviction (taint-eviction-controller): Marking for deletion Pod "
                            + ensemble.namespace() + "/zk-1");
            assertThat(ensemble.whyUnavailable(0)).as("a Ready member has nothing to explain").isEmpty();

            taint.recover();

            await("member 1 back on its node").atMost(Duration.ofSeconds(10)).until(() -> MemberPods.running(pod(ensemble, 1)));
            assertThat(pod(ensemble, 1).getSpec().getNodeName()).isEqualTo(node);
        }
    }
}
