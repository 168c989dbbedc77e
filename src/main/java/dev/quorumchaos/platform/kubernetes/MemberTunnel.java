package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ChaosException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * A port-forward from a loopback port to a member's client port (2181, 2379). fabric8 opens a new
 * stream to the pod, by name, for every connection, so the same local port reaches the member's
 * next pod too, and connect strings handed out before stay valid across restarts.
 */
final class MemberTunnel implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final String pod;
    private final int port;
    private LocalPortForward forward;

    /** A forward to {@code port}, the service's client port, of {@code pod}. */
    MemberTunnel(KubernetesClient client, String namespace, String pod, int port) {
        this.client = client;
        this.namespace = namespace;
        this.pod = pod;
        this.port = port;
    }

    synchronized void open() {
        forward = openOn(0);
    }

    synchronized InetSocketAddress address() {
        return new InetSocketAddress(forward.getLocalAddress(), forward.getLocalPort());
    }

    /**
     * Reopens the forward if its listener died. Failed streams (to a pod that was gone) do not
     * stop the listener, so this is rare. The same port is tried first, for a short while since
     * the old listener releases it asynchronously; then any port.
     */
    synchronized void reopenIfBroken() {
        if (forward == null || forward.isAlive()) {
            return;
        }
        int localPort = forward.getLocalPort();
        closeQuietly();
        try {
            forward = await("port " + localPort + " free again").atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> openOn(localPort), f -> f != null);
        } catch (ConditionTimeoutException e) {
            forward = openOn(0);
        }
    }

    private LocalPortForward openOn(int localPort) {
        try {
            return client.pods().inNamespace(namespace).withName(pod)
                    .portForward(port, InetAddress.getLoopbackAddress(), localPort);
        } catch (RuntimeException e) {
            throw new ChaosException("cannot forward a local port to " + namespace + "/" + pod + ":"
                    + port + ": " + e.getMessage(), e);
        }
    }

    private void closeQuietly() {
        try {
            forward.close();
        } catch (IOException e) {
            // the listener is released either way; a new one is opened next
        }
    }

    @Override
    public synchronized void close() {
        if (forward != null) {
            closeQuietly();
        }
    }
}
