package dev.quorumchaos.fault.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.quorumchaos.platform.kubernetes.QuietMockServer;

import static org.assertj.core.api.Assertions.assertThat;

@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class CordonNodeTest {

    KubernetesClient client;

    private Node node(String name) {
        return client.nodes().withName(name).get();
    }

    private void createNode(String name, Boolean unschedulable) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withUnschedulable(unschedulable).endSpec().build()).create();
    }

    @Test
    void cordonRecordsThatTheNodeWasSchedulableAndUncordonsOnRecover() {
        createNode("node-1", null);
        CordonNode fault = new NodeFaults(client, "run-1", m -> "node-1", EvictionLog.none()).cordon(0);

        fault.apply();
        fault.apply();

        assertThat(node("node-1").getSpec().getUnschedulable()).isTrue();
        assertThat(node("node-1").getMetadata().getAnnotations())
                .containsEntry(NodeAnnotations.ORIGINAL_UNSCHEDULABLE, "false")
                .containsEntry(NodeAnnotations.RUN, "run-1");

        fault.recover();
        fault.recover();

        assertThat(node("node-1").getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
        assertThat(node("node-1").getMetadata().getAnnotations())
                .doesNotContainKeys(NodeAnnotations.ORIGINAL_UNSCHEDULABLE, NodeAnnotations.RUN);
    }

    @Test
    void aNodeCordonedBeforeTheFaultStaysCordoned() {
        createNode("node-2", true);
        CordonNode fault = new NodeFaults(client, "run-1", m -> "node-2", EvictionLog.none()).cordon(1);

        fault.apply();
        fault.recover();

        assertThat(node("node-2").getSpec().getUnschedulable()).isTrue();
    }

    @Test
    void aNodeThatIsGoneCountsAsRecovered() {
        createNode("node-3", null);
        CordonNode fault = new NodeFaults(client, "run-1", m -> "node-3", EvictionLog.none()).cordon(1);
        fault.apply();
        client.nodes().withName("node-3").delete();

        fault.recover();

        assertThat(CordonNode.restore(client, "node-3")).isFalse();
    }
}
