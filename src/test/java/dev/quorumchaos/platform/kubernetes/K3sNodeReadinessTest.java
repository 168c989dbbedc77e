package dev.quorumchaos.platform.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** When the k3s target's nodes are ready for members: the server Ready and tainted, every agent Ready and schedulable. */
class K3sNodeReadinessTest {

    private static final List<String> AGENTS = List.of("k3s-agent-1", "k3s-agent-2", "k3s-agent-3");

    private static NodeBuilder node(String name, String ready) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus();
    }

    /** As k3s registers its server with {@code --node-taint}: value empty, effect NoSchedule. */
    private static Node taintedServer(String ready) {
        return node("server", ready).editSpec().addNewTaint().withKey("node-role.kubernetes.io/control-plane")
                .withEffect("NoSchedule").endTaint().endSpec().build();
    }

    private static Node agent(String name) {
        return node(name, "True").build();
    }

    @Test
    void aTaintedReadyServerAndOneReadyAgentPerMemberAreReady() {
        List<Node> nodes = List.of(taintedServer("True"), agent("k3s-agent-1"), agent("k3s-agent-2"), agent("k3s-agent-3"));

        assertThat(K3sNodeReadiness.waitingFor(nodes, "server", AGENTS)).isEmpty();
        assertThat(K3sNodeReadiness.waitingFor(List.of(taintedServer("True")), "server", List.of()))
                .as("the server alone, before any member").isEmpty();
    }

    @Test
    void eachNodeNotReadyYetIsNamedWithWhatItLacks() {
        Node notReadyAgent = node("k3s-agent-2", "False").build();
        Node startingAgent = node("k3s-agent-3", "True").editSpec().addNewTaint()
                .withKey("node.kubernetes.io/not-ready").withEffect("NoSchedule").endTaint().endSpec().build();

        Map<String, String> waiting = K3sNodeReadiness.waitingFor(List.of(taintedServer("Unknown"), notReadyAgent,
                startingAgent), "server", AGENTS);

        assertThat(waiting).containsExactly(Map.entry("server", "server node not Ready"),
                Map.entry("k3s-agent-1", "agent not registered yet"),
                Map.entry("k3s-agent-2", "agent not Ready"),
                Map.entry("k3s-agent-3", "agent Ready but not schedulable (cordoned or tainted)"));
    }

    @Test
    void aServerWithoutItsTaintIsNotReadyForMembersSinceTheyCouldLandOnIt() {
        List<Node> nodes = List.of(node("server", "True").build(), agent("k3s-agent-1"));

        assertThat(K3sNodeReadiness.waitingFor(nodes, "server", List.of("k3s-agent-1"))).containsExactly(Map.entry("server",
                "server node Ready without its taint node-role.kubernetes.io/control-plane:NoSchedule: members could be"
                        + " placed on it"));
        Node otherEffect = node("server", "True").editSpec().addNewTaint().withKey("node-role.kubernetes.io/control-plane")
                .withEffect("PreferNoSchedule").endTaint().endSpec().build();
        assertThat(K3sNodeReadiness.waitingFor(List.of(otherEffect), "server", List.of())).containsKey("server");
        assertThat(K3sNodeReadiness.waitingFor(List.of(), "server", List.of()))
                .containsExactly(Map.entry("server", "server node not registered yet"));
    }
}
