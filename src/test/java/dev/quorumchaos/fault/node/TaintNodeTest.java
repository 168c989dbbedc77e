package dev.quorumchaos.fault.node;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.platform.kubernetes.QuietMockServer;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The mock server in CRUD mode refuses a PUT whose resourceVersion is stale (409), as the API server does. */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class TaintNodeTest {

    KubernetesClient client;
    KubernetesMockServer server;

    private static final Taint DEDICATED = new TaintBuilder().withKey("dedicated").withValue("db").withEffect("NoSchedule").build();

    @BeforeEach
    void aNodeWithATaintOfItsOwn() {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata()
                .withNewSpec().withTaints(DEDICATED).endSpec().build()).create();
    }

    private TaintNode fault(String taint) {
        return new NodeFaults(client, "run-1", member -> "node-1", EvictionLog.none()).taint(2, taint);
    }

    private Node node() {
        return client.nodes().withName("node-1").get();
    }

    /** What the node-lifecycle controller does while a fault holds: its own taint, by its own edit. */
    private void controllerAdds(String key, String effect) {
        client.nodes().withName("node-1").edit(n -> {
            n.getSpec().getTaints().add(new TaintBuilder().withKey(key).withEffect(effect).build());
            return n;
        });
    }

    private List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> all = new ArrayList<>();
        for (RecordedRequest r; (r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null; ) {
            all.add(r);
        }
        return all;
    }

    @Test
    void applyRecordsWhatItAddsThenAddsTheTaintWithAnOptimisticallyLockedUpdate() throws Exception {
        TaintNode fault = fault("chaos=true:NoExecute");
        String before = node().getMetadata().getResourceVersion();
        requests();

        fault.apply();

        assertThat(node().getSpec().getTaints()).extracting(Taint::getKey, Taint::getValue, Taint::getEffect)
                .containsExactly(tuple("dedicated", "db", "NoSchedule"), tuple("chaos", "true", "NoExecute"));
        assertThat(node().getMetadata().getAnnotations())
                .containsEntry(NodeAnnotations.RUN, "run-1")
                .hasEntrySatisfying(NodeAnnotations.ADDED_TAINTS, json ->
                        assertThat(json).contains("\"chaos\"").doesNotContain("dedicated"));
        // a PUT, never fabric8's edit (a JSON patch without resourceVersion); the conflict tests show the lock
        assertThat(requests()).filteredOn(r -> !r.getMethod().equals("GET")).extracting(RecordedRequest::getMethod)
                .containsExactly("PUT");
        assertThat(node().getMetadata().getResourceVersion()).isNotEqualTo(before);
        assertThat(fault.description()).isEqualTo("taint chaos=true:NoExecute on node node-1 (hosting member 2)");
        assertThat(fault.members()).containsExactly(2);
    }

    @Test
    void aControllersEditBetweenReadAndWriteIsAConflictAndTheEditIsMadeAgainOnTheNewNode() {
        boolean[] raced = {false};
        NodeEdits.edit(client, "node-1", n -> {
            if (!raced[0]) {
                raced[0] = true;
                controllerAdds("node.kubernetes.io/unschedulable", "NoSchedule");
            }
            n.getSpec().getTaints().add(new TaintBuilder().withKey("chaos").withEffect("NoSchedule").build());
            return n;
        });

        assertThat(node().getSpec().getTaints()).extracting(Taint::getKey)
                .containsExactly("dedicated", "node.kubernetes.io/unschedulable", "chaos");
    }

    @Test
    void aNodeThatKeepsChangingFailsTheEditWithTheConflict() {
        assertThatThrownBy(() -> NodeEdits.edit(client, "node-1", n -> {
            controllerAdds("node.kubernetes.io/not-ready-" + System.nanoTime(), "NoSchedule");
            return n;
        })).isInstanceOf(ChaosException.class).hasMessageContaining("5 updates in a row were refused with 409 Conflict");
    }

    @Test
    void otherErrorsAreNotRetried() {
        server.expect().put().withPath("/api/v1/nodes/node-1")
                .andReturn(403, new StatusBuilder().withCode(403).withMessage("nodes \"node-1\" is forbidden").build()).once();

        assertThatThrownBy(() -> fault("chaos:NoSchedule").apply()).hasMessageContaining("forbidden");
    }

    @Test
    void applyingTwiceKeepsOneTaintAndRecoveryStillPutsBackWhatTheFirstReplaced() {
        client.nodes().withName("node-1").edit(n -> {
            n.getSpec().getTaints().add(new TaintBuilder().withKey("chaos").withValue("theirs").withEffect("NoExecute").build());
            return n;
        });
        fault("chaos=ours:NoExecute").apply();
        fault("chaos=again:NoExecute").apply();

        assertThat(node().getSpec().getTaints()).extracting(Taint::getKey, Taint::getValue)
                .containsExactly(tuple("dedicated", "db"), tuple("chaos", "again"));

        fault("chaos=again:NoExecute").recover();

        assertThat(node().getSpec().getTaints()).extracting(Taint::getKey, Taint::getValue)
                .containsExactly(tuple("dedicated", "db"), tuple("chaos", "theirs"));
    }

    @Test
    void recoverRemovesExactlyWhatItAddedAndLeavesEveryOtherTaintAsItIsThen() {
        TaintNode fault = fault("chaos:NoSchedule");
        fault.apply();
        controllerAdds("node.kubernetes.io/not-ready", "NoExecute");
        controllerAdds("gpu", "NoSchedule");

        fault.recover();

        assertThat(node().getSpec().getTaints()).extracting(Taint::getKey)
                .containsExactly("dedicated", "node.kubernetes.io/not-ready", "gpu");
        assertThat(node().getMetadata().getAnnotations())
                .doesNotContainKeys(NodeAnnotations.ADDED_TAINTS, NodeAnnotations.RUN);

        fault.recover();
        assertThat(node().getSpec().getTaints()).hasSize(3);
    }

    @Test
    void aControllerOwnedTaintTheHarnessAddedItselfIsRemovedToo() {
        TaintNode fault = fault("node.kubernetes.io/unreachable:NoExecute");
        assertThat(fault.taint().controllerOwned()).isTrue();
        assertThat(NodeTaint.parse("node.kubernetes.io/out-of-service=nodeshutdown:NoExecute").controllerOwned()).isFalse();
        assertThat(NodeTaint.parse("chaos:NoExecute").controllerOwned()).isFalse();

        fault.apply();
        fault.recover();

        assertThat(node().getSpec().getTaints()).extracting(Taint::getKey).containsExactly("dedicated");
    }

    @Test
    void aNodeLeftByAnOlderHarnessGetsItsSnapshotBackKeepingControllerTaints() {
        client.nodes().withName("node-1").edit(n -> {
            n.getMetadata().setAnnotations(new java.util.HashMap<>(java.util.Map.of(NodeAnnotations.ORIGINAL_TAINTS,
                    "[{\"key\":\"dedicated\",\"value\":\"db\",\"effect\":\"NoSchedule\"}]", NodeAnnotations.RUN, "old")));
            n.getSpec().getTaints().add(new TaintBuilder().withKey("chaos").withEffect("NoExecute").build());
            n.getSpec().getTaints().add(new TaintBuilder().withKey("node.kubernetes.io/not-ready").withEffect("NoExecute").build());
            return n;
        });

        assertThat(TaintNode.restore(client, "node-1")).isTrue();

        assertThat(node().getSpec().getTaints()).extracting(Taint::getKey).containsExactly("dedicated", "node.kubernetes.io/not-ready");
        assertThat(node().getMetadata().getAnnotations()).doesNotContainKeys(NodeAnnotations.ORIGINAL_TAINTS, NodeAnnotations.RUN);
    }

    @Test
    void aNodeThatIsGoneCountsAsRecovered() {
        TaintNode fault = fault("chaos=true:NoExecute");
        fault.apply();
        client.nodes().withName("node-1").delete();

        fault.recover();

        assertThat(TaintNode.restore(client, "node-1")).isFalse();
    }

    @Test
    void aMalformedTaintIsBadInputBeforeAnythingChanges() {
        assertThatThrownBy(() -> fault("chaos=true:NoWay"))
                .isInstanceOf(ChaosException.class)
                .hasMessageContaining("'chaos=true:NoWay' is not a taint")
                .matches(e -> ((ChaosException) e).badInput());
        assertThat(node().getSpec().getTaints()).containsExactly(DEDICATED);
        assertThat(NodeTaint.parse("key:NoSchedule")).isEqualTo(new NodeTaint("key", null, "NoSchedule"));
        assertThat(List.of(NodeTaint.parse("a=:PreferNoSchedule").value())).containsExactly("");
    }
}
