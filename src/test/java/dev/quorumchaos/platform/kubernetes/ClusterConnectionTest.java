package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.settings.RunSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a new user with a wrong kubeconfig sees: bad input (exit 2), named, within seconds. */
class ClusterConnectionTest {

    @TempDir
    Path dir;

    private Path kubeconfig(String server) throws IOException {
        return Files.writeString(dir.resolve("config"), """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: gone
                    cluster:
                      server: %s
                      insecure-skip-tls-verify: true
                users:
                  - name: someone
                    user:
                      token: abc
                contexts:
                  - name: gone
                    context:
                      cluster: gone
                      user: someone
                  - name: other
                    context:
                      cluster: gone
                      user: someone
                current-context: gone
                """.formatted(server));
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aClusterThatDoesNotAnswerIsBadInputWithinSeconds() throws IOException {
        Path config = kubeconfig("https://127.0.0.1:" + closedPort());
        long start = System.nanoTime();

        assertThatThrownBy(() -> KubernetesTarget.fromKubeconfig(RunSettings.fromSystem(), config, null))
                .isInstanceOf(ChaosException.class)
                .matches(e -> ((ChaosException) e).badInput())
                .hasMessageContaining("the cluster of kubeconfig " + config + ", context gone does not answer at https://127.0.0.1:");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void aServerThatAcceptsButNeverAnswersIsBadInputWithinSeconds() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Path config = kubeconfig("https://127.0.0.1:" + silent.getLocalPort());
            long start = System.nanoTime();

            assertThatThrownBy(() -> KubernetesTarget.fromKubeconfig(RunSettings.fromSystem(), config, "other"))
                    .isInstanceOf(ChaosException.class)
                    .matches(e -> ((ChaosException) e).badInput())
                    .hasMessageContaining("context other does not answer");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void anUnknownContextNamesTheOnesThereAre() throws IOException {
        Path config = kubeconfig("https://127.0.0.1:1");

        assertThatThrownBy(() -> KubernetesTarget.fromKubeconfig(RunSettings.fromSystem(), config, "prod"))
                .isInstanceOf(ChaosException.class)
                .matches(e -> ((ChaosException) e).badInput())
                .hasMessage("kubeconfig " + config + " has no context 'prod'; its contexts: gone, other (choose one with --context)");
    }

    @Test
    void aMissingKubeconfigSaysWhereItLooked() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> KubernetesTarget.fromKubeconfig(RunSettings.fromSystem(), missing, null))
                .isInstanceOf(ChaosException.class)
                .matches(e -> ((ChaosException) e).badInput())
                .hasMessageContaining("no readable kubeconfig at " + missing.toAbsolutePath());
    }
}
