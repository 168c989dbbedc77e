package dev.quorumchaos.fault.node;

import dev.quorumchaos.ChaosException;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.quorumchaos.target.kubernetes.QuietMockServer;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class TaintNodeTest {

    KubernetesClient client;

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

    @Test
    void applyKeepsTheOriginalTaintsInAnAnnotationThenAddsTheTaint() {
        TaintNode fault = fault("chaos=true:NoExecute");

        fault.apply();

        assertThat(node().getSpec().getTaints()).extracting(Taint::getKey, Taint::getValue, Taint::getEffect)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dedicated", "db", "NoSchedule"),
                        org.assertj.core.groups.Tuple.tuple("chaos", "true", "NoExecute"));
        assertThat(node().getMetadata().getAnnotations())
                .containsEntry(NodeAnnotations.RUN, "run-1")
                .hasEntrySatisfying(NodeAnnotations.ORIGINAL_TAINTS, json ->
                        assertThat(json).contains("\"dedicated\"").doesNotContain("chaos"));
        assertThat(fault.description()).isEqualTo("taint chaos=true:NoExecute on node node-1 (hosting member 2)");
        assertThat(fault.members()).containsExactly(2);
    }

    @Test
    void applyingTwiceKeepsTheFirstRecordAndOneTaint() {
        TaintNode fault = fault("chaos=true:NoExecute");
        fault.apply();
        String recorded = node().getMetadata().getAnnotations().get(NodeAnnotations.ORIGINAL_TAINTS);

        fault.apply();

        assertThat(node().getSpec().getTaints()).hasSize(2);
        assertThat(node().getMetadata().getAnnotations()).containsEntry(NodeAnnotations.ORIGINAL_TAINTS, recorded);
    }

    @Test
    void recoverRestoresTheOriginalTaintsKeepsControllerTaintsAndIsIdempotent() {
        TaintNode fault = fault("chaos:NoSchedule");
        fault.apply();
        // the node lifecycle controller marks the node while the fault is on
        client.nodes().withName("node-1").edit(n -> {
            n.getSpec().getTaints().add(new TaintBuilder().withKey("node.kubernetes.io/not-ready").withEffect("NoExecute").build());
            return n;
        });

        fault.recover();

        assertThat(node().getSpec().getTaints()).extracting(Taint::getKey)
                .containsExactly("dedicated", "node.kubernetes.io/not-ready");
        assertThat(node().getMetadata().getAnnotations())
                .doesNotContainKeys(NodeAnnotations.ORIGINAL_TAINTS, NodeAnnotations.RUN);

        fault.recover();
        assertThat(node().getSpec().getTaints()).hasSize(2);
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
