package dev.quorumchaos.platform.kubernetes;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Docker containers that are the nodes of a k3s cluster, each in a cgroup namespace of its
 * own and without the host's {@code /sys/fs/cgroup}. k3s sets no kubelet cgroup root, so kubelets
 * that share the host's cgroup tree all put their pods under the same {@code kubepods} cgroup,
 * and each removes the other nodes' pod cgroups as orphans, killing those pods. kind runs every
 * node with {@code --cgroupns=private} for this reason, and k3d relies on Docker's private default
 * on cgroup v2. As PID 1 in its own namespace, k3s moves itself into an {@code init} child cgroup
 * so the namespace root can hand controllers down to the pods (k3s-io/k3s#4086).
 *
 * <p>Testcontainers' {@link K3sContainer} (2.0.5) does the opposite for its one node: it sets
 * the host cgroup namespace in a create-command modifier and binds {@code /sys/fs/cgroup}.
 * {@link #privateCgroups} undoes both; its modifier runs after the module's, as Testcontainers
 * applies modifiers in the order they were added.
 */
final class K3sNodeContainers {

    static final String CGROUP_MOUNT = "/sys/fs/cgroup";
    /** k3s' own default for v1.31, named so every node's copy can be loaded from the host (see {@link NodeImages}). */
    static final String PAUSE_IMAGE = "rancher/mirrored-pause:3.6";
    static final String SERVER_ALIAS = "k3s-server";

    private K3sNodeContainers() {
    }

    /**
     * The taint that keeps members off the server's node, as kubeadm marks a control-plane node.
     * k3s registers the node with it (its kubelet's {@code --register-with-taints}). k3s' own
     * add-ons tolerate it: CoreDNS, the local-path provisioner and metrics-server each carry
     * {@code node-role.kubernetes.io/control-plane:NoSchedule} (operator Exists) and
     * {@code CriticalAddonsOnly} in k3s' manifests, so they still run there. NoSchedule, not
     * NoExecute: nothing already running is evicted.
     */
    static final String SERVER_TAINT = "node-role.kubernetes.io/control-plane:NoSchedule";

    /** The server, which is a node too; needs a Docker engine even to be built (the module asks for the host). */
    static K3sContainer server(DockerImageName image, Network network) {
        K3sContainer server = new K3sContainer(image);
        server.withNetwork(network).withNetworkAliases(SERVER_ALIAS).withCommand(serverCommand(server.getHost()));
        return privateCgroups(server);
    }

    /**
     * The server's command: its certificate names the alias agents reach it by on the shared
     * network, and its node is tainted {@link #SERVER_TAINT}, so every member runs on an agent and
     * the node hosting any member can be lost while the control plane stays.
     *
     * @param host where the harness reaches the API server from (the Docker host)
     */
    static String[] serverCommand(String host) {
        return new String[] {"server", "--disable=traefik", "--tls-san=" + host, "--tls-san=" + SERVER_ALIAS,
                "--pause-image=" + PAUSE_IMAGE, "--node-taint=" + SERVER_TAINT};
    }

    /** An agent joining the server with its node token, named like its Node. */
    static GenericContainer<?> agent(DockerImageName image, Network network, String name, String token) {
        GenericContainer<?> agent = new GenericContainer<>(image)
                .withNetwork(network)
                .withPrivilegedMode(true)
                .withTmpFs(Map.of("/run", "", "/var/run", ""))
                .withCreateContainerCmdModifier(cmd -> cmd.withHostName(name))
                .withEnv("K3S_URL", "https://" + SERVER_ALIAS + ":" + K3sContainer.KUBE_SECURE_PORT)
                .withEnv("K3S_TOKEN", token)
                .withCommand("agent", "--node-name", name, "--pause-image=" + PAUSE_IMAGE);
        return privateCgroups(agent);
    }

    /** A cgroup namespace of the node's own and no bind of the host's cgroup tree, whatever was set before. */
    static <T extends GenericContainer<?>> T privateCgroups(T node) {
        node.setBinds(node.getBinds().stream().filter(b -> !CGROUP_MOUNT.equals(b.getVolume().getPath())).toList());
        node.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withCgroupnsMode("private"));
        return node;
    }

    /** The nodes' containers in the order they were started: server first. */
    static List<GenericContainer<?>> all(K3sContainer server, List<GenericContainer<?>> agents) {
        List<GenericContainer<?>> all = new ArrayList<>();
        all.add(server);
        all.addAll(agents);
        return all;
    }
}
