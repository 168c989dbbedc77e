package dev.quorumchaos.platform.kubernetes;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.quorumchaos.ChaosException;
import dev.quorumchaos.fault.nodeloss.Kubelets;
import org.testcontainers.containers.GenericContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Losing a k3s node: {@code docker pause} of its agent container, {@code docker unpause} to bring
 * it back. Pausing freezes every process of the node (the k3s agent with its kubelet, containerd
 * and the members' JVMs) in the cgroup freezer, and keeps its address, its network namespace and
 * its memory. To the control plane and to the other members that is what a lost node looks like:
 * a machine that went silent, without a connection refused or reset, as after a power loss or
 * a network partition. When it comes back it is the same node, with the same pods, kubelet state
 * and local volume, and its old processes resume where they stopped: the case in which forcing
 * deletion of its pods is dangerous, which the scenarios must be able to show.
 *
 * <p>{@code docker stop} was the alternative. It models a crash better for the processes (they
 * die), but the node then comes back as a fresh boot of the agent whose {@code /run} (a tmpfs
 * here) is gone, possibly with another address on the network, and its pods' containers are
 * recreated by the kubelet: a reboot, not the return of a lost node. A kill of the member is
 * already a scenario of its own.
 *
 * <p>Each agent carries this machine's id and its owning process ({@link RunLabels}); a run that
 * crashed while a node was paused leaves it paused, and the next run on this machine unpauses
 * it ({@link #sweep}). k3s' server node is never paused: it runs the control plane, and a lost
 * node is judged by a control plane that is still there. It hosts no member either (tainted, see
 * {@link K3sNodeContainers#SERVER_TAINT}); the refusal guards against a member that got there
 * anyway, on a cluster whose server lost its taint.
 */
final class AgentPause implements Kubelets {

    private final Supplier<DockerClient> docker;
    private final Supplier<List<GenericContainer<?>>> agents;
    private final String serverNode;

    /**
     * @param agents     the agent containers, each named (host name) like its Node
     * @param serverNode the server's node name
     */
    AgentPause(Supplier<DockerClient> docker, Supplier<List<GenericContainer<?>>> agents, String serverNode) {
        this.docker = docker;
        this.agents = agents;
        this.serverNode = serverNode;
    }

    /** The labels every agent container gets, for {@link #sweep}. */
    static Map<String, String> labels(MachineId machine) {
        return Map.of(RunLabels.MACHINE, machine.value(), RunLabels.OWNER, RunOwner.current(machine).annotation());
    }

    @Override
    public String how() {
        return "docker pause of its k3s agent container";
    }

    @Override
    public Optional<String> refusal() {
        return Optional.empty();
    }

    @Override
    public Optional<String> cannotLose(String node) {
        if (node.equals(serverNode)) {
            return Optional.of("losing node " + node + " would lose k3s' control plane with it: it is the k3s server"
                    + " (which should host no member: it is tainted " + K3sNodeContainers.SERVER_TAINT + "); a lost node"
                    + " is judged by a control plane that stays");
        }
        return container(node).isPresent() ? Optional.empty()
                : Optional.of("node " + node + " is not one of the k3s agents the harness started");
    }

    @Override
    public void stop(String node) {
        String id = container(node).orElseThrow(() -> new ChaosException("no k3s agent container for node " + node));
        if (!paused(id)) {
            docker.get().pauseContainerCmd(id).exec();
        }
    }

    @Override
    public void start(String node) {
        Optional<String> id = container(node);
        // a node whose container is gone has nothing left to bring back
        if (id.isPresent() && paused(id.get())) {
            docker.get().unpauseContainerCmd(id.get()).exec();
        }
    }

    private boolean paused(String id) {
        return Boolean.TRUE.equals(docker.get().inspectContainerCmd(id).exec().getState().getPaused());
    }

    private Optional<String> container(String node) {
        return agents.get().stream()
                .filter(c -> c.getContainerInfo() != null && node.equals(c.getContainerInfo().getConfig().getHostName()))
                .map(GenericContainer::getContainerId).findFirst();
    }

    /**
     * Unpauses the k3s node containers of this machine that a crashed run left paused: those
     * whose owning harness process is gone. Returns what it did, one line each.
     */
    static List<String> sweep(DockerClient docker, MachineId here) {
        List<String> done = new ArrayList<>();
        List<Container> paused = docker.listContainersCmd().withStatusFilter(List.of("paused"))
                .withLabelFilter(Map.of(RunLabels.MACHINE, here.value())).exec();
        for (Container c : paused) {
            Optional<RunOwner> owner = RunOwner.parse(c.getLabels() == null ? null : c.getLabels().get(RunLabels.OWNER));
            if (owner.isPresent() && owner.get().aliveOn(here)) {
                continue;
            }
            docker.unpauseContainerCmd(c.getId()).exec();
            done.add("unpaused k3s node container " + String.join(",", c.getNames()) + ", left paused by a run"
                    + owner.map(o -> " of process " + o.pid()).orElse("") + " that is gone");
        }
        return done;
    }
}
