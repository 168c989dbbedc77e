package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.settings.NodeLossSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Node loss on a cluster the harness did not create: refused unless allowed, then the user's own command. */
class NodeLossCommandTest {

    @TempDir
    Path dir;

    @Test
    void withoutAllowNodeLossItRefusesInOneParagraphNamingTheFlagsAndRunsNothing() {
        Path ran = dir.resolve("ran");
        NodeLossCommand kubelets = new NodeLossCommand(new NodeLossSettings(false, "touch " + ran), "kubeconfig:prod");

        assertThat(kubelets.refusal()).get().asString()
                .startsWith("refusing to lose a node of kubeconfig:prod:")
                .contains("--allow-node-loss").contains("--node-loss-command").doesNotContain("\n");
        assertThatThrownBy(() -> kubelets.stop("node-1")).isInstanceOf(ChaosException.class)
                .matches(e -> ((ChaosException) e).badInput());
        assertThat(ran).doesNotExist();
    }

    @Test
    void allowedWithoutACommandItSaysWhyTheApiAloneCannotBringAKubeletBack() {
        NodeLossCommand kubelets = new NodeLossCommand(new NodeLossSettings(true, " "), "kubeconfig:prod");

        assertThat(kubelets.refusal()).get().asString().startsWith("--allow-node-loss needs --node-loss-command")
                .contains("exec goes through the kubelet");
    }

    @Test
    void theCommandGetsTheNodeAndWhatToDoWithItsKubelet() throws Exception {
        Path log = dir.resolve("log");
        NodeLossCommand kubelets = new NodeLossCommand(new NodeLossSettings(true,
                "echo \"$CHAOS_KUBELET $CHAOS_NODE\" >> " + log), "kubeconfig:prod");

        kubelets.stop("node-1");
        kubelets.start("node-1");

        assertThat(Files.readAllLines(log)).containsExactly("stop node-1", "start node-1");
        assertThat(kubelets.refusal()).isEmpty();
    }

    @Test
    void aFailingCommandIsAnErrorWithItsExitCodeAndOutput() {
        NodeLossCommand kubelets = new NodeLossCommand(new NodeLossSettings(true, "echo no route to $CHAOS_NODE; exit 3"),
                "kubeconfig:prod");

        assertThatThrownBy(() -> kubelets.start("node-9")).isInstanceOf(ChaosException.class)
                .hasMessage("--node-loss-command exited 3 when asked to start the kubelet of node node-9: no route to node-9");
    }
}
