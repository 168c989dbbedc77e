package dev.quorumchaos.target.kubernetes;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.history.History;
import dev.quorumchaos.target.Target;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * {@code --target k3s}: a throwaway cluster in Docker, one k3s server and as many agents as the
 * ensemble needs for one member per node (anti-affinity, taints and drains mean nothing on one
 * node). Started at the first deploy and grown when a later scenario needs more nodes; removed
 * with all it holds on close.
 */
public final class K3sTarget implements Target {

    public static final String DEFAULT_IMAGE = "rancher/k3s:v1.31.4-k3s1";
    private static final String SERVER_ALIAS = "k3s-server";
    private static final Duration NODES_READY_TIMEOUT = Duration.ofMinutes(3);

    private final DockerImageName image;
    private final DeployOptions defaults;
    private final List<GenericContainer<?>> agents = new ArrayList<>();
    private Network network;
    private K3sContainer server;
    private KubernetesClient client;
    private KubernetesTarget cluster;

    private K3sTarget(DockerImageName image, DeployOptions defaults) {
        this.image = image;
        this.defaults = defaults;
    }

    /** Checks at once that a Docker engine answers; starts nothing until the first deploy. */
    public static K3sTarget create() {
        requireDocker();
        return new K3sTarget(DockerImageName.parse(System.getProperty("chaos.k3s.image", DEFAULT_IMAGE))
                .asCompatibleSubstituteFor("rancher/k3s"), DeployOptions.defaults());
    }

    /** Whether Testcontainers finds a Docker engine that answers; what {@code --target auto} asks. */
    public static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static void requireDocker() {
        if (dockerAvailable()) {
            return;
        }
        String reason;
        try {
            DockerClientFactory.instance().client();
            reason = "Testcontainers found none";
        } catch (RuntimeException e) {
            reason = e.getMessage();
        }
        String host = System.getenv("DOCKER_HOST");
        throw ChaosException.badInput("no Docker engine answers: " + reason
                + (host == null ? " (DOCKER_HOST is not set)" : " (DOCKER_HOST=" + host + ")")
                + "; --target k3s runs Kubernetes in Docker containers: use --target local, or --target kubeconfig "
                + "for an existing cluster");
    }

    public K3sTarget withDefaults(DeployOptions options) {
        return new K3sTarget(image, options);
    }

    @Override
    public String name() {
        return "k3s";
    }

    @Override
    public boolean hasNodes() {
        return true;
    }

    @Override
    public KubernetesEnsemble deploy(EnsembleSpec spec, History history) {
        return deploy(spec, defaults, history);
    }

    public synchronized KubernetesEnsemble deploy(EnsembleSpec spec, DeployOptions options, History history) {
        ensureNodes(spec.size());
        return cluster.deploy(spec, options, history);
    }

    /** The cluster's client, once started; for {@code chaos clean} and tests. */
    public synchronized KubernetesClient client() {
        ensureNodes(1);
        return client;
    }

    private void ensureNodes(int nodes) {
        if (server == null) {
            startServer();
        }
        String token = nodeToken();
        while (1 + agents.size() < nodes) {
            String name = "k3s-agent-" + (agents.size() + 1);
            GenericContainer<?> agent = new GenericContainer<>(image)
                    .withNetwork(network)
                    .withPrivilegedMode(true)
                    .withTmpFs(Map.of("/run", "", "/var/run", ""))
                    .withFileSystemBind("/sys/fs/cgroup", "/sys/fs/cgroup", BindMode.READ_WRITE)
                    .withCreateContainerCmdModifier(cmd -> {
                        cmd.withHostName(name);
                        cmd.getHostConfig().withCgroupnsMode("host");
                    })
                    .withEnv("K3S_URL", "https://" + SERVER_ALIAS + ":" + K3sContainer.KUBE_SECURE_PORT)
                    .withEnv("K3S_TOKEN", token)
                    .withCommand("agent", "--node-name", name);
            agents.add(agent);
            agent.start();
        }
        int expected = 1 + agents.size();
        try {
            await("k3s nodes Ready").atMost(NODES_READY_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> client.nodes().list().getItems().stream().filter(KubernetesTarget::schedulable).count() >= expected);
        } catch (ConditionTimeoutException e) {
            throw ChaosException.badInput("k3s: " + expected + " nodes did not become Ready within "
                    + NODES_READY_TIMEOUT.toMinutes() + " min; Ready now: " + client.nodes().list().getItems().stream()
                    .filter(KubernetesTarget::schedulable).map(n -> n.getMetadata().getName()).toList());
        }
    }

    private void startServer() {
        network = Network.newNetwork();
        server = new K3sContainer(image);
        // Agents reach the server by its alias on the shared network, so its certificate must name it.
        server.withNetwork(network).withNetworkAliases(SERVER_ALIAS)
                .withCommand("server", "--disable=traefik", "--tls-san=" + server.getHost(), "--tls-san=" + SERVER_ALIAS);
        try {
            server.start();
        } catch (RuntimeException e) {
            throw ChaosException.badInput("k3s server did not start (" + image + "): " + e.getMessage(), e);
        }
        client = ClusterConnection.connect(Config.fromKubeconfig(server.getKubeConfigYaml()));
        cluster = KubernetesTarget.using(client, "k3s");
    }

    private String nodeToken() {
        try {
            return server.execInContainer("cat", "/var/lib/rancher/k3s/server/node-token").getStdout().trim();
        } catch (IOException e) {
            throw new ChaosException("k3s: cannot read the server's node token: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosException("k3s: interrupted while reading the server's node token");
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (client != null) {
                client.close();
            }
            agents.forEach(GenericContainer::stop);
            if (server != null) {
                server.stop();
            }
            if (network != null) {
                network.close();
            }
        }
    }
}
