package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.fault.nodeloss.Kubelets;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.history.History;
import dev.quorumchaos.service.Service;
import org.opentest4j.TestAbortedException;
import dev.quorumchaos.platform.Target;
import dev.quorumchaos.settings.RunSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.awaitility.Awaitility.await;

/**
 * {@code --target k3s}: a throwaway cluster in Docker, one k3s server and one agent per member
 * (anti-affinity, taints and drains mean nothing on one node). The server's node is tainted
 * {@link K3sNodeContainers#SERVER_TAINT}, as a real cluster keeps workloads off its control
 * plane, so every member runs on an agent and the node hosting any member, the leader's
 * included, can be lost while the control plane stays. Started at the first deploy and grown
 * when a later scenario, or a grow of the ensemble, needs more members; removed with all it
 * holds on close. Every node runs in a cgroup namespace of its own ({@link K3sNodeContainers}), and the images a deploy needs are
 * pulled once on the Docker host and loaded into every agent ({@link NodeImages}).
 */
public final class K3sTarget implements Target, Kubelets {

    public static final String DEFAULT_IMAGE = "rancher/k3s:v1.31.4-k3s1";
    private static final Duration NODES_READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration ADDONS_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_LINES = 20;

    private final DockerImageName image;
    private final DeployOptions defaults;
    private final MachineId machine;
    private final List<GenericContainer<?>> agents = new ArrayList<>();
    private Network network;
    private K3sContainer server;
    private KubernetesClient client;
    private KubernetesTarget cluster;
    private NodeImages images;

    private K3sTarget(DockerImageName image, DeployOptions defaults, MachineId machine) {
        this.image = image;
        this.defaults = defaults;
        this.machine = machine;
    }

    /** Checks at once that a Docker engine answers; starts nothing until the first deploy. */
    public static K3sTarget create(RunSettings settings) {
        requireDocker(settings.machine().environment().get("DOCKER_HOST"));
        String image = settings.k3sImage() == null ? DEFAULT_IMAGE : settings.k3sImage();
        return new K3sTarget(DockerImageName.parse(image).asCompatibleSubstituteFor("rancher/k3s"),
                DeployOptions.from(settings), MachineId.current(settings));
    }

    /** Whether Testcontainers finds a Docker engine that answers; what {@code --target auto} asks. */
    public static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /** @param host {@code $DOCKER_HOST}, named in the message; null when not set */
    static void requireDocker(String host) {
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
        throw ChaosException.badInput("no Docker engine answers: " + reason
                + (host == null ? " (DOCKER_HOST is not set)" : " (DOCKER_HOST=" + host + ")")
                + "; --target k3s runs Kubernetes in Docker containers: use --target local, or --target kubeconfig "
                + "for an existing cluster");
    }

    public K3sTarget withDefaults(DeployOptions options) {
        return new K3sTarget(image, options, machine);
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
    public KubernetesEnsemble deploy(Service service, EnsembleSpec spec, History history) {
        return deploy(service, spec, defaults, history);
    }

    public synchronized KubernetesEnsemble deploy(Service service, EnsembleSpec spec, DeployOptions options,
                                                  History history) {
        ensureNodes(spec.size());
        loadImages(service, options);
        KubernetesEnsemble ensemble = cluster.deploy(service, spec, options, history);
        // one agent per member: a grow needs one more, started (and given the images) before the pod is
        ensemble.nodeSupply(members -> moreNodes(members, service, options));
        return ensemble;
    }

    private synchronized void moreNodes(int members, Service service, DeployOptions options) {
        if (agents.size() >= members) {
            return;
        }
        ensureNodes(members);
        loadImages(service, options);
    }

    /** The cluster's client, once started (the server; agents come with members); for {@code chaos clean} and tests. */
    public synchronized KubernetesClient client() {
        ensureNodes(0);
        return client;
    }

    /** The nodes' containers, server first; for tests that look inside a node. */
    synchronized List<GenericContainer<?>> nodeContainers() {
        return server == null ? List.of() : K3sNodeContainers.all(server, agents);
    }

    /** The server and one agent per member, each Ready; the server's node tainted so no member lands on it. */
    private void ensureNodes(int members) {
        if (server == null) {
            startServer();
        }
        if (agents.size() < members) {
            String token = nodeToken();
            while (agents.size() < members) {
                GenericContainer<?> agent = K3sNodeContainers.agent(image, network, "k3s-agent-" + (agents.size() + 1), token)
                        .withLabels(AgentPause.labels(machine));
                agents.add(agent);
                agent.start();
            }
        }
        String serverNode = nodeName(server);
        List<String> agentNodes = agents.stream().map(K3sTarget::nodeName).toList();
        try {
            await("k3s server and " + agentNodes.size() + " agent(s) Ready").atMost(NODES_READY_TIMEOUT)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> K3sNodeReadiness.waitingFor(client.nodes().list().getItems(), serverNode, agentNodes).isEmpty());
        } catch (ConditionTimeoutException e) {
            Map<String, String> waiting = K3sNodeReadiness.waitingFor(client.nodes().list().getItems(), serverNode, agentNodes);
            StringBuilder logs = new StringBuilder();
            for (GenericContainer<?> node : nodeContainers()) {
                String name = nodeName(node);
                if (waiting.containsKey(name)) {
                    logs.append("\n--- last lines of node ").append(name).append(" ---\n").append(lastLines(node.getLogs()));
                }
            }
            throw ChaosException.badInput("k3s: the server and " + agentNodes.size() + " agent(s) did not become ready within "
                    + NODES_READY_TIMEOUT.toMinutes() + " min; still waiting for " + waiting + logs);
        }
    }

    /** Agents are named by the harness; the server's node is named by its container's host name. */
    private static String nodeName(GenericContainer<?> node) {
        return node.getContainerInfo().getConfig().getHostName();
    }

    private static String lastLines(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()));
    }

    private void startServer() {
        // a crashed run's paused node (a node loss not brought back) is unpaused first
        AgentPause.sweep(DockerClientFactory.instance().client(), machine)
                .forEach(line -> System.err.println("chaos: " + line));
        network = Network.newNetwork();
        server = K3sNodeContainers.server(image, network);
        try {
            server.start();
        } catch (RuntimeException e) {
            throw ChaosException.badInput("k3s server did not start (" + image + "): " + e.getMessage(), e);
        }
        client = ClusterConnection.connect(Config.fromKubeconfig(server.getKubeConfigYaml()));
        cluster = KubernetesTarget.using(client, "k3s", machine);
        images = NodeImages.onDockerHost();
    }

    /**
     * What the agents need to start members, pulled once on the host and loaded into each: the
     * manifests' images, the pause image of every pod, and the helper image k3s' local-path
     * provisioner runs on a node to make a member's volume there.
     */
    private void loadImages(Service service, DeployOptions options) {
        Set<String> needed = new TreeSet<>();
        // a service the harness cannot deploy here is skipped by the cluster's deploy, with the reason
        service.part(KubernetesService.class).ifPresent(part ->
                needed.addAll(ServiceManifests.load(options.manifestsFor(part), part, service.name()).images(client)));
        needed.add(K3sNodeContainers.PAUSE_IMAGE);
        localPathHelperImage().ifPresent(needed::add);
        // the server's node runs no member (tainted): only its add-ons' pods, which need the pause image
        images.importInto(List.of(server), Set.of(K3sNodeContainers.PAUSE_IMAGE));
        images.importInto(List.copyOf(agents), needed);
    }

    /** From the provisioner's ConfigMap, which k3s applies shortly after it starts; empty where local storage is off. */
    private Optional<String> localPathHelperImage() {
        try {
            ConfigMap config = await("k3s' local-path provisioner configured").atMost(ADDONS_TIMEOUT)
                    .pollInterval(Duration.ofSeconds(1)).until(
                            () -> client.configMaps().inNamespace("kube-system").withName("local-path-config").get(),
                            c -> c != null);
            String helper = config.getData() == null ? null : config.getData().get("helperPod.yaml");
            if (helper == null) {
                return Optional.empty();
            }
            Pod pod = client.getKubernetesSerialization().unmarshal(helper, Pod.class);
            return pod.getSpec().getContainers().stream().map(Container::getImage).findFirst();
        } catch (ConditionTimeoutException e) {
            System.err.println("chaos: k3s has no local-path-config after " + ADDONS_TIMEOUT.toSeconds()
                    + " s; each node will pull the volume helper image itself");
            return Optional.empty();
        }
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

    /** Node loss on k3s: {@link AgentPause}, on the agents this target started. */
    private synchronized AgentPause agentPause() {
        return new AgentPause(() -> DockerClientFactory.instance().client(), () -> List.copyOf(agents),
                server == null ? "" : nodeName(server));
    }

    @Override
    public String how() {
        return agentPause().how();
    }

    @Override
    public Optional<String> refusal() {
        return agentPause().refusal();
    }

    @Override
    public Optional<String> cannotLose(String node) {
        return agentPause().cannotLose(node);
    }

    @Override
    public void stop(String node) {
        agentPause().stop(node);
    }

    @Override
    public void start(String node) {
        agentPause().start(node);
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
            if (images != null) {
                images.close();
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
