package dev.quorumchaos.target.kubernetes;

import dev.quorumchaos.fault.node.EvictionLog;
import dev.quorumchaos.fault.node.NodeAnnotations;
import dev.quorumchaos.fault.node.NodeFaults;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class KubernetesCleanerTest {

    KubernetesClient client;

    private final RunOwner live = RunOwner.current();
    private final RunOwner dead = new RunOwner(live.host(), 999_999_999L, "2020-01-01T00:00:00Z");
    private final RunOwner elsewhere = new RunOwner("another-machine", 42, "2020-01-01T00:00:00Z");

    private void run(String id, RunOwner owner) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(id).addToLabels(RunLabels.RUN, id)
                .addToAnnotations(RunLabels.OWNER, owner.annotation()).endMetadata().build()).create();
    }

    private void node(String name) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .withTaints(new TaintBuilder().withKey("own").withEffect("NoSchedule").build()).endSpec().build()).create();
    }

    @BeforeEach
    void runsLeftBehindAndTheNodesTheyChanged() {
        run("chaos-dead", dead);
        run("chaos-live", live);
        run("chaos-elsewhere", elsewhere);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("users-own").endMetadata().build()).create();
        node("node-a");
        node("node-b");
        new NodeFaults(client, "chaos-dead", m -> "node-a", EvictionLog.none()).taint(0, "chaos=true:NoExecute").apply();
        new NodeFaults(client, "chaos-dead", m -> "node-a", EvictionLog.none()).cordon(0).apply();
        new NodeFaults(client, "chaos-live", m -> "node-b", EvictionLog.none()).taint(1, "chaos=true:NoSchedule").apply();
    }

    private boolean exists(String namespace) {
        return client.namespaces().withName(namespace).get() != null;
    }

    @Test
    void cleanRemovesEveryRunButLiveOnesAndRestoresTheirNodes() {
        KubernetesCleaner.Report report = new KubernetesCleaner(client).clean();

        assertThat(exists("chaos-dead")).isFalse();
        assertThat(exists("chaos-elsewhere")).isFalse();
        assertThat(exists("chaos-live")).isTrue();
        assertThat(exists("users-own")).isTrue();
        var nodeA = client.nodes().withName("node-a").get();
        assertThat(nodeA.getSpec().getTaints()).extracting(t -> t.getKey()).containsExactly("own");
        assertThat(nodeA.getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
        assertThat(nodeA.getMetadata().getAnnotations()).doesNotContainKeys(NodeAnnotations.ORIGINAL_TAINTS,
                NodeAnnotations.ORIGINAL_UNSCHEDULABLE, NodeAnnotations.RUN);
        assertThat(client.nodes().withName("node-b").get().getSpec().getTaints()).hasSize(2);
        assertThat(report.done()).containsExactlyInAnyOrder("deleted namespace chaos-dead", "deleted namespace chaos-elsewhere",
                "restored the taints of node node-a (left by run chaos-dead)",
                "restored the schedulability of node node-a (left by run chaos-dead)");
        assertThat(report.spared()).anyMatch(s -> s.startsWith("namespace chaos-live"))
                .anyMatch(s -> s.startsWith("node node-b"));
        assertThat(report.failed()).isEmpty();
    }

    @Test
    void beforeARunOnlyAbandonedRunsOfThisMachineAreCleaned() {
        new KubernetesCleaner(client).cleanAbandoned();

        assertThat(exists("chaos-dead")).isFalse();
        assertThat(exists("chaos-elsewhere")).as("cannot tell whether a run on another machine is alive").isTrue();
        assertThat(exists("chaos-live")).isTrue();
        assertThat(client.nodes().withName("node-a").get().getSpec().getTaints()).hasSize(1);
    }
}
