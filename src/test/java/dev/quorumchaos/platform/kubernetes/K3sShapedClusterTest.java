package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.history.History;
import dev.quorumchaos.service.zookeeper.ZooKeeperService;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster the k3s target makes, on the mock server with the fake scheduler: a server node
 * and one agent per member. With the server tainted as {@link K3sNodeContainers#serverCommand}
 * asks k3s to, the shipped manifests (which do not tolerate the taint) put every member on an
 * agent, so the node hosting any member, the leader's included, can be lost and
 * {@link AgentPause} never has to refuse it. Without the taint, a member lands on the server: the
 * node-loss scenario would be skipped whenever that member leads. The server is listed first, so
 * a scheduler that ignored the taint would take it.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class K3sShapedClusterTest {

    private static final String SERVER = "k3s-server-node";
    private static final List<String> NODES = List.of(SERVER, "k3s-agent-1", "k3s-agent-2", "k3s-agent-3");

    KubernetesClient client;

    /** The members' nodes, in ordinal order. */
    private List<String> membersNodes(boolean serverTainted) {
        try (FakeStatefulSetController cluster = new FakeStatefulSetController(client, NODES)) {
            if (serverTainted) {
                String[] taint = K3sNodeContainers.SERVER_TAINT.split(":");
                client.nodes().withName(SERVER).edit(n -> new NodeBuilder(n).editSpec()
                        .addToTaints(new TaintBuilder().withKey(taint[0]).withEffect(taint[1]).build()).endSpec().build());
            }
            try (KubernetesEnsemble ensemble = KubernetesTarget.using(client, "mock")
                    .withDefaults(DeployOptions.defaults().withStartTimeout(Duration.ofSeconds(20)))
                    .deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History())) {
                return IntStream.range(0, 3).mapToObj(ensemble::nodeOf).toList();
            }
        }
    }

    private static AgentPause agentPause() {
        return new AgentPause(() -> {
            throw new AssertionError("deciding whether a node may be lost asks no Docker engine");
        }, List::of, SERVER);
    }

    @Test
    void withTheServerTaintedEveryMemberRunsOnAnAgent() {
        List<String> nodes = membersNodes(true);

        assertThat(nodes).doesNotContain(SERVER).doesNotHaveDuplicates();
        // no agent containers exist here, so an agent is refused as unknown, never as the server
        assertThat(nodes).allSatisfy(node -> assertThat(agentPause().cannotLose(node).orElse(""))
                .as("refusal for %s", node).doesNotContain("control plane"));
    }

    @Test
    void untaintedTheServerHostsAMemberWhoseNodeCannotBeLost() {
        List<String> nodes = membersNodes(false);

        assertThat(nodes).contains(SERVER);
        assertThat(agentPause().cannotLose(SERVER)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("losing node " + SERVER + " would lose k3s' control plane with it: it is the k3s server")
                .contains("tainted node-role.kubernetes.io/control-plane:NoSchedule"));
        assertThat(agentPause().cannotLose("k3s-agent-9")).contains("node k3s-agent-9 is not one of the k3s agents the"
                + " harness started");
    }
}
