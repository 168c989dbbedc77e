package dev.quorumchaos.cli;

import dev.quorumchaos.fault.node.NodeAnnotations;
import dev.quorumchaos.platform.kubernetes.MachineId;
import dev.quorumchaos.platform.kubernetes.QuietMockServer;
import dev.quorumchaos.platform.kubernetes.RunLabels;
import dev.quorumchaos.settings.RunSettings;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code chaos clean --context}: says what it will change first, and leaves other machines' runs alone. */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class CleanCommandTest {

    KubernetesClient client;
    KubernetesMockServer server;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private String originalWorkDir;
    private String mine;
    private String ci;

    @BeforeEach
    void twoRunsOfTwoMachines() {
        originalOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        originalWorkDir = System.setProperty("chaos.workDir", dir.resolve("work").toString());
        String here = MachineId.current(RunSettings.fromSystem()).value();
        mine = "chaos-" + here + "-20260101-000000-0001";
        ci = "chaos-c1c1c1c1-20260101-000000-0002";
        // the API server allows everything the pre-flight asks about
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews").andReply(201, request -> {
            SelfSubjectAccessReview review = client.getKubernetesSerialization()
                    .unmarshal(request.getUtf8Body(), SelfSubjectAccessReview.class);
            review.setStatus(new SubjectAccessReviewStatusBuilder().withAllowed(true).build());
            return review;
        }).always();
        namespace(mine, here + "/999999999/2020-01-01T00:00:00Z");
        namespace(ci, "c1c1c1c1/42/2026-01-01T00:00:00Z");
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        if (originalWorkDir == null) {
            System.clearProperty("chaos.workDir");
        } else {
            System.setProperty("chaos.workDir", originalWorkDir);
        }
    }

    private void namespace(String run, String owner) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(run).addToLabels(RunLabels.RUN, run)
                .addToAnnotations(RunLabels.OWNER, owner).endMetadata().build()).create();
    }

    private Path kubeconfig() throws IOException {
        client.getKubernetesVersion(); // the first TLS connection of a cold JVM, outside the pre-flight's 5 s
        return Files.writeString(dir.resolve("config"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                users: [{name: ci, user: {token: abc}}]
                contexts: [{name: mock, context: {cluster: mock, user: ci}}]
                current-context: mock
                """.formatted(client.getMasterUrl()));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void itPrintsThePlanFirstAndLeavesAnotherMachinesRunAlone() throws IOException {
        int code = ChaosCli.execute("clean", "--context", "mock", "--kubeconfig", kubeconfig().toString());

        assertThat(code).isEqualTo(ChaosCli.PASSED);
        assertThat(client.namespaces().withName(mine).get()).isNull();
        assertThat(client.namespaces().withName(ci).get()).isNotNull();
        assertThat(stdout()).contains("chaos clean: mock: will delete namespace " + mine
                        + " (started from this machine by process 999999999, which is gone)")
                .contains("chaos clean: mock: leaving namespace " + ci + " (started from machine c1c1c1c1")
                .contains("--all-runs removes it");
        assertThat(stdout().indexOf("will delete")).isLessThan(stdout().indexOf("1 thing(s) removed or restored"));
    }

    @Test
    void aDryRunChangesNothingAndAllRunsTakesTheOtherMachinesRunToo() throws IOException {
        Path config = kubeconfig();

        assertThat(ChaosCli.execute("clean", "--context", "mock", "--kubeconfig", config.toString(), "--all-runs",
                "--dry-run")).isEqualTo(ChaosCli.PASSED);
        assertThat(stdout()).contains("would delete namespace " + ci).contains("2 change(s) planned, none made");
        assertThat(client.namespaces().withName(ci).get()).isNotNull();

        assertThat(ChaosCli.execute("clean", "--context", "mock", "--kubeconfig", config.toString(), "--all-runs"))
                .isEqualTo(ChaosCli.PASSED);
        assertThat(client.namespaces().withName(ci).get()).isNull();
    }

    @Test
    void allRunsWithoutAContextIsBadInput() {
        assertThat(ChaosCli.execute("clean", "--all-runs")).isEqualTo(ChaosCli.BAD_INPUT);
    }

    /** A node whose kubelet a crashed run of this machine stopped (a node loss not brought back). */
    private void nodeLeftLost() {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-lost")
                .addToAnnotations(NodeAnnotations.KUBELET_STOPPED, "--node-loss-command 'ssh ...'")
                .addToAnnotations(NodeAnnotations.RUN, mine).endMetadata().withNewSpec().endSpec().build()).create();
    }

    private java.util.Map<String, String> nodeAnnotations() {
        return client.nodes().withName("node-lost").get().getMetadata().getAnnotations();
    }

    @Test
    void aKubeletACrashedRunLeftStoppedIsStartedWithTheNodeLossCommand() throws IOException {
        nodeLeftLost();
        Path calls = dir.resolve("calls");
        String command = "echo \"$CHAOS_KUBELET $CHAOS_NODE\" >> '" + calls + "'";

        int code = ChaosCli.execute("clean", "--context", "mock", "--kubeconfig", kubeconfig().toString(),
                "--node-loss-command", command);

        assertThat(code).isEqualTo(ChaosCli.PASSED);
        assertThat(Files.readAllLines(calls)).containsExactly("start node-lost");
        assertThat(stdout()).contains("chaos clean: mock: will start the kubelet of node node-lost again (changed by run "
                + mine + ", stopped by --node-loss-command 'ssh ...') with --node-loss-command '" + command + "'");
        assertThat(nodeAnnotations()).doesNotContainKeys(NodeAnnotations.KUBELET_STOPPED, NodeAnnotations.RUN);
    }

    @Test
    void withoutTheCommandTheNodeIsLeftWithWhatToDoAndADryRunRunsNothing() throws IOException {
        nodeLeftLost();
        Path config = kubeconfig();
        Path calls = dir.resolve("calls");

        assertThat(ChaosCli.execute("clean", "--context", "mock", "--kubeconfig", config.toString())).isEqualTo(ChaosCli.PASSED);
        assertThat(stdout()).contains("chaos clean: mock: leaving the kubelet of node node-lost (changed by run " + mine)
                .contains("start it on the node (systemctl start kubelet), or give chaos clean --node-loss-command");
        assertThat(nodeAnnotations()).containsKey(NodeAnnotations.KUBELET_STOPPED);

        assertThat(ChaosCli.execute("clean", "--context", "mock", "--kubeconfig", config.toString(), "--dry-run",
                "--node-loss-command", "echo start >> '" + calls + "'")).isEqualTo(ChaosCli.PASSED);
        assertThat(stdout()).contains("chaos clean: mock: would start the kubelet of node node-lost again");
        assertThat(calls).doesNotExist();
        assertThat(nodeAnnotations()).containsKey(NodeAnnotations.KUBELET_STOPPED);
    }

    @Test
    void aNodeLossCommandThatFailsFailsTheCleanAndKeepsTheMark() throws IOException {
        nodeLeftLost();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = ChaosCli.execute("clean", "--context", "mock", "--kubeconfig", kubeconfig().toString(),
                    "--node-loss-command", "echo no route to host >&2; exit 3");
        } finally {
            System.setErr(originalErr);
        }

        assertThat(code).isEqualTo(ChaosCli.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("chaos clean: mock: FAILED to start the kubelet of node"
                + " node-lost again").contains("--node-loss-command exited 3 when asked to start the kubelet of node"
                + " node-lost: no route to host");
        assertThat(nodeAnnotations()).containsKey(NodeAnnotations.KUBELET_STOPPED);
    }

    @Test
    void aNodeLossCommandWithoutAContextIsBadInput() {
        assertThat(ChaosCli.execute("clean", "--node-loss-command", "true")).isEqualTo(ChaosCli.BAD_INPUT);
    }
}
