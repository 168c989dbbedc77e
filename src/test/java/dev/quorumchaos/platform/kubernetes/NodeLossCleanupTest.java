package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.fault.node.NodeAnnotations;
import dev.quorumchaos.fault.nodeloss.Kubelets;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A kubelet that a crashed run's node loss left stopped is started again by the next run, when it can be. */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class NodeLossCleanupTest {

    KubernetesClient client;

    @TempDir
    Path workDir;

    private MachineId here;
    private String crashed;
    private final List<String> started = new ArrayList<>();

    @BeforeEach
    void aCrashedRunLeftANodeWithItsKubeletStopped() {
        here = MachineId.in(workDir);
        crashed = "chaos-" + here + "-20260101-000000-0001";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(crashed).addToLabels(RunLabels.RUN, crashed)
                .addToAnnotations(RunLabels.OWNER, new RunOwner(here.value(), 999_999_999L, "2020-01-01T00:00:00Z").annotation())
                .endMetadata().build()).create();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-lost")
                .addToAnnotations(NodeAnnotations.KUBELET_STOPPED, "--node-loss-command 'ssh ...'")
                .addToAnnotations(NodeAnnotations.RUN, crashed).endMetadata().withNewSpec().endSpec().build()).create();
    }

    private final Kubelets recorder = new Kubelets() {
        public String how() { return "the recorder"; }
        public Optional<String> refusal() { return Optional.empty(); }
        public Optional<String> cannotLose(String node) { return Optional.empty(); }
        public void stop(String node) { throw new AssertionError("a clean never stops a kubelet"); }
        public void start(String node) { started.add(node); }
    };

    @Test
    void whenTheRunMayStartKubeletsTheNodeIsStartedAndItsMarksRemoved() {
        KubernetesCleaner.Report report = new KubernetesCleaner(client, here, recorder).cleanAbandoned();

        assertThat(started).containsExactly("node-lost");
        assertThat(report.done()).contains("start the kubelet of node node-lost again (changed by run " + crashed
                + ", stopped by --node-loss-command 'ssh ...') with the recorder");
        assertThat(client.nodes().withName("node-lost").get().getMetadata().getAnnotations())
                .doesNotContainKeys(NodeAnnotations.KUBELET_STOPPED, NodeAnnotations.RUN);
        assertThat(report.failed()).isEmpty();
    }

    @Test
    void withoutAWayOntoTheNodeItSaysWhatToDoAndLeavesTheMark() {
        KubernetesCleaner.Report report = new KubernetesCleaner(client, here).cleanAbandoned();

        assertThat(report.spared()).anySatisfy(line -> assertThat(line)
                .startsWith("the kubelet of node node-lost (changed by run " + crashed)
                .contains("start it on the node (systemctl start kubelet)"));
        assertThat(client.nodes().withName("node-lost").get().getMetadata().getAnnotations())
                .containsKey(NodeAnnotations.KUBELET_STOPPED);
    }
}
