package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.ensemble.MemberControl;
import dev.quorumchaos.ensemble.Resizable;
import dev.quorumchaos.ensemble.Resize;
import dev.quorumchaos.ensemble.RoleObserver;
import dev.quorumchaos.fault.node.NodeFaults;
import dev.quorumchaos.fault.Fault;
import dev.quorumchaos.fault.partition.Partitionable;
import dev.quorumchaos.fault.node.NodeHosting;
import dev.quorumchaos.fault.nodeloss.LosableNodes;
import dev.quorumchaos.check.budget.BudgetObservations;
import dev.quorumchaos.check.budget.WatchedBudget;
import dev.quorumchaos.fault.partition.LinkBehaviour;
import dev.quorumchaos.fault.partition.PartitionShape;
import dev.quorumchaos.fault.pod.PodDeletion;
import dev.quorumchaos.history.History;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/**
 * A service's ensemble deployed from its manifests into a namespace of its own. Clients reach
 * members through port-forwards to each pod's client port; the role observer reads each member's
 * status answers from a stream out of its pod ({@link StatusStreams}), as the service's
 * {@link KubernetesService} asks and reads them; the pods are watched by an informer. The
 * StatefulSet and the kubelet bring back what faults take away. Its size changes only by a
 * {@link Resizable} grow or shrink ({@link KubernetesResize}), when the service can change its
 * membership; everything sized by it (pods, tunnels, status streams, observer, budget) follows.
 */
public final class KubernetesEnsemble implements Ensemble, MemberControl, PodDeletion, Partitionable, NodeHosting,
        LosableNodes, WatchedBudget, dev.quorumchaos.operation.ControllerRollout, Resizable {

    /** Each poll takes the next answer the member's stream brings (every 100 ms): no need to wait between. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(10);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration GONE_TIMEOUT = Duration.ofSeconds(60);
    /** How long one pod of a rollout may take from its deletion to Ready at the new revision (an image pull included). */
    private static final Duration ROLLOUT_PER_POD = Duration.ofMinutes(3);
    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(20);
    /** How long a killed container may take to show dead in the pod's status (the kubelet's relist is 1 s). */
    private static final Duration DEATH_TIMEOUT = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final String targetName;
    private final EnsembleLayout layout;
    private volatile int size;
    private final MemberPods pods;
    /** One per member, by ordinal; the informer's thread reads it while a resize changes it. */
    private final List<MemberTunnel> tunnels = new CopyOnWriteArrayList<>();
    private final int clientPort;
    private Optional<MemberReconfig> reconfig;
    private final String peerService;
    /** Makes room for this many members before a grow (k3s starts a node); nothing elsewhere. */
    private IntConsumer nodeSupply = members -> { };
    private Duration joinTimeout = KubernetesResize.JOIN_TIMEOUT;
    private Duration unschedulableGrace = KubernetesResize.UNSCHEDULABLE_GRACE;
    private final String serviceName;
    private final ServerProcess process;
    private final StatusStreams statuses;
    private final KubernetesService.StatusReader reader;
    private final RoleObserver observer;
    private final PdbMonitor budget;
    private final Runnable onClose;
    private final AtomicInteger partitions = new AtomicInteger();
    private Duration deathTimeout = DEATH_TIMEOUT;
    private Optional<String> delayUnsupported;
    private boolean closed;

    KubernetesEnsemble(KubernetesClient client, String targetName, EnsembleLayout layout, EnsembleSpec spec,
                       int maxUnavailable, History history, Duration pollInterval, KubernetesService service,
                       String serviceName, Runnable onClose) {
        this.client = client;
        this.targetName = targetName;
        this.layout = layout;
        this.size = spec.size();
        this.onClose = onClose;
        this.serviceName = serviceName;
        this.process = service.process();
        this.clientPort = service.clientPort();
        this.reconfig = service.reconfig();
        this.peerService = layout.peerService();
        this.pods = new MemberPods(client, layout, size);
        for (int i = 0; i < size; i++) {
            tunnels.add(new MemberTunnel(client, layout.namespace(), layout.pod(i), clientPort));
        }
        this.statuses = new StatusStreams(client, layout, pods, StatusStream.script(service.statusQuestion()));
        this.reader = service.statusReader(size);
        this.observer = new RoleObserver(size, (ordinal, timeout) -> reader.read(ordinal, statuses.status(ordinal, timeout)),
                history, pollInterval, ANSWER_TIMEOUT);
        this.budget = new PdbMonitor(client, layout.namespace(), layout.pdb(), layout.selector(),
                IntStream.range(0, size).mapToObj(layout::pod).toList(), maxUnavailable);
    }

    /** Waits for every member to run, then opens the port-forwards and starts observing. */
    void start(Duration timeout) {
        pods.onStart(this::started);
        pods.start();
        budget.start();
        pods.awaitRunning(timeout);
        tunnels.forEach(MemberTunnel::open);
        observer.start();
    }

    /** Called on the informer's thread: a failure here must not stop the informer. */
    private void started(int ordinal) {
        try {
            if (ordinal >= tunnels.size()) {
                return; // a member joining: its tunnel opens once the grow sees it run
            }
            tunnels.get(ordinal).reopenIfBroken();
        } catch (RuntimeException e) {
            System.err.println("chaos: " + e.getMessage());
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public InetSocketAddress clientAddress(int ordinal) {
        return tunnels.get(ordinal).address();
    }

    /**
     * The member's pod as the API server describes it (phase, waiting containers, the scheduler's
     * PodScheduled message) and the latest events about a pod of that name, newest first: the
     * scheduler's FailedScheduling, a taint eviction, a failed probe.
     */
    @Override
    public Optional<String> whyUnavailable(int ordinal) {
        if (pods.ready(ordinal)) {
            return Optional.empty();
        }
        String events;
        try {
            events = PodEvents.latest(client, namespace(), layout.pod(ordinal), 3);
        } catch (KubernetesClientException e) {
            events = "events unreadable: " + e.getMessage();
        }
        return Optional.of(pods.describe(ordinal) + (events.isEmpty() ? "" : "; events: " + events));
    }

    /** Every pod Ready now, and the budget counting from the first time they all were. */
    @Override
    public boolean settled() {
        int members = size;
        return budget.counting() && IntStream.range(0, members).allMatch(pods::ready);
    }

    @Override
    public RoleObserver observer() {
        return observer;
    }

    @Override
    public MemberControl members() {
        return this;
    }

    @Override
    public String targetName() {
        return targetName;
    }

    public String namespace() {
        return layout.namespace();
    }

    /** What reads the members' answers: the service's, which may have learnt from them (etcd its member ids). */
    public KubernetesService.StatusReader statusReader() {
        return reader;
    }

    public String runId() {
        return layout.runId();
    }

    public String podName(int ordinal) {
        return layout.pod(ordinal);
    }

    /** The node member {@code ordinal} runs on now; throws when its pod is not placed. */
    public String nodeOf(int ordinal) {
        return pods.nodeOf(ordinal);
    }

    /**
     * Pods on the node hosting {@code ordinal} that are not this run's: a node fault would hit
     * them too. DaemonSet pods run on every node and are left out, as kubectl drain leaves them.
     */
    public List<String> foreignPodsNextTo(int ordinal) {
        String node = nodeOf(ordinal);
        // filtered here rather than by a field selector, which not every server (nor the mock) honours
        return client.pods().inAnyNamespace().list().getItems().stream()
                .filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName()))
                .filter(p -> !layout.namespace().equals(p.getMetadata().getNamespace()))
                .filter(p -> p.getMetadata().getOwnerReferences() == null || p.getMetadata().getOwnerReferences()
                        .stream().noneMatch(o -> "DaemonSet".equals(o.getKind())))
                .map(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())
                .toList();
    }

    /**
     * The safety policy for node faults on a cluster the harness did not create: refuses (bad
     * input, before anything is changed) to {@code kind} the node hosting {@code ordinal} while it
     * also runs other namespaces' pods, unless {@code allowSharedNodes} (--allow-shared-nodes).
     */
    public void refuseSharedNode(String kind, int ordinal, boolean allowSharedNodes) {
        if (allowSharedNodes) {
            return;
        }
        List<String> foreign = foreignPodsNextTo(ordinal);
        if (!foreign.isEmpty()) {
            throw ChaosException.badInput("refusing to " + kind + " node " + nodeOf(ordinal) + ": it also runs "
                    + foreign.size() + " pod(s) of other namespaces (" + String.join(", ", foreign.subList(0,
                    Math.min(5, foreign.size()))) + "); pass --allow-shared-nodes to do it anyway");
        }
    }

    /** Node faults whose node is the one hosting a member; drains report to {@link #disruptionBudget()}. */
    public NodeFaults nodeFaults() {
        return new NodeFaults(client, layout.runId(), pods::nodeOf, budget);
    }

    public PdbMonitor disruptionBudget() {
        return budget;
    }

    @Override
    public BudgetObservations budgetObservations() {
        return budget.observations();
    }

    /** The partition fault for {@code shape}, built by {@code PartitionShapes}; nothing is cut until it is applied. */
    public KubernetesPartition partition(PartitionShape shape) {
        return links(shape, new DropRules());
    }

    private KubernetesPartition links(PartitionShape shape, LinkRules rules) {
        int members = size;
        if (shape.size() != members) {
            throw ChaosException.badInput("a partition shape for " + shape.size() + " members does not fit an ensemble of " + members);
        }
        return new KubernetesPartition(this, shape, rules, "quorum-chaos-" + layout.runId() + "-" + partitions.incrementAndGet());
    }

    /** Sets the PodDisruptionBudget's maxUnavailable, for a budget step that follows the deploy step. */
    @Override
    public void budget(int maxUnavailable) {
        client.policy().v1().podDisruptionBudget().inNamespace(layout.namespace()).withName(layout.pdb())
                .edit(pdb -> {
                    pdb.getSpec().setMaxUnavailable(new io.fabric8.kubernetes.api.model.IntOrString(maxUnavailable));
                    return pdb;
                });
    }

    /** Links are cut with iptables DROP and slowed with tc netem, inside the pods. */
    @Override
    public Fault partition(PartitionShape shape, LinkBehaviour behaviour) {
        return switch (behaviour.mode()) {
            case BLACKHOLE -> partition(shape);
            case DELAY -> links(shape, new DelayRules(behaviour.delay()));
            default -> throw ChaosException.badInput("on Kubernetes links can be cut (dropped) or slowed, not " + behaviour);
        };
    }

    /**
     * Slowing links needs netem and prio in the nodes' kernels: asked of every member's sidecar the
     * first time, with a probe that changes nothing that lasts.
     */
    @Override
    public synchronized Optional<String> cannot(LinkBehaviour behaviour) {
        if (behaviour.mode() != LinkBehaviour.Mode.DELAY) {
            return Optional.empty();
        }
        if (delayUnsupported == null) {
            delayUnsupported = Optional.empty();
            for (int i = 0; i < size() && delayUnsupported.isEmpty(); i++) {
                if (pods.running(i)) {
                    PodExec.Result probe = PodExec.sh(client, namespace(), layout.pod(i), EnsembleLayout.HELPER,
                            DelayRules.probeScript(), EXEC_TIMEOUT);
                    delayUnsupported = DelayRules.missingQdisc(probe, layout.pod(i) + " on node " + nodeOf(i));
                }
            }
        }
        return delayUnsupported;
    }

    /**
     * Writes each member's current server container log to {@code dir/member-N.log}, and the
     * cluster's events, pods and nodes beside them ({@link ClusterDiagnostics}). A pod that was
     * deleted took its log with it: only the pod running now can be read.
     */
    @Override
    public String order() {
        return "highest ordinal first, as the StatefulSet controller does";
    }

    /** The StatefulSet's RollingUpdate to the service's image at {@code version}, down to the partition {@code size - count}. */
    @Override
    public dev.quorumchaos.fault.Procedure upgrade(String version, int count, dev.quorumchaos.fault.FaultSite site) {
        String current = client.apps().statefulSets().inNamespace(namespace()).withName(layout.statefulSet()).get()
                .getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(layout.serverContainer())).findFirst().orElseThrow().getImage();
        int members = size;
        return rollout(StatefulSetRollout.withTag(current, version), members - Math.min(count, members), site, ROLLOUT_PER_POD);
    }

    @Override
    public dev.quorumchaos.fault.Procedure restart(dev.quorumchaos.fault.FaultSite site) {
        return rollout(null, 0, site, ROLLOUT_PER_POD);
    }

    /** A rollout to {@code image} (null: a restart) of the pods from ordinal {@code partition} up. */
    StatefulSetRollout rollout(String image, int partition, dev.quorumchaos.fault.FaultSite site, Duration perPod) {
        return new StatefulSetRollout(client, layout, size(), site, image, partition, perPod);
    }

    @Override
    public void saveLogs(Path dir) {
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < size(); i++) {
                String log;
                try {
                    log = client.pods().inNamespace(namespace()).withName(layout.pod(i)).inContainer(layout.serverContainer())
                            .getLog();
                } catch (KubernetesClientException e) {
                    log = "no log for " + layout.pod(i) + ": " + e.getMessage() + "\n";
                }
                Files.writeString(dir.resolve("member-" + i + ".log"), log == null ? "" : log);
            }
            ClusterDiagnostics.write(client, namespace(), dir);
        } catch (IOException e) {
            throw new ChaosException("cannot save member logs to " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    /** For tests of a kill that never shows: how long to wait for the container to die. */
    KubernetesEnsemble withDeathTimeout(Duration timeout) {
        this.deathTimeout = timeout;
        return this;
    }

    MemberPods pods() {
        return pods;
    }

    /**
     * A crash: SIGKILL to the member's server process inside its pod (see {@link ServerProcess}), so
     * the kubelet restarts the container in place. Returns once the process is gone and the pod's status says so
     * (the container dead or restarted), as the disruption controller and the other faults will
     * see it; the script seeing the JVM go, or the container taking the script with it, is not
     * enough on its own. A member whose container does not run has nothing left to kill.
     */
    @Override
    public void kill(int ordinal) {
        Pod pod = pods.pod(ordinal).filter(MemberPods::running).orElse(null);
        if (pod == null) {
            observer.poll(ordinal);
            return;
        }
        String uid = pod.getMetadata().getUid();
        String container = pods.server(pod).map(ContainerStatus::getContainerID).orElse("");
        PodExec.Result result = null;
        String failure = null;
        try {
            result = PodExec.sh(client, namespace(), layout.pod(ordinal), layout.signallingContainer(process),
                    process.signalScript("KILL"), EXEC_TIMEOUT);
        } catch (KubernetesClientException | ChaosException e) {
            failure = e.getMessage();
        }
        if (result != null && (result.exitCode() == ServerProcess.NO_PROCESS || result.exitCode() == ServerProcess.PID_ONE
                || result.exitCode() == ServerProcess.STILL_ALIVE)) {
            throw new ChaosException("cannot kill member " + ordinal + " (" + layout.pod(ordinal) + "): "
                    + result.stderr().trim());
        }
        String outcome = result != null ? "the exec ended with " + result.exitCode() : "the exec failed: " + failure;
        try {
            await("the " + serviceName + " container of " + layout.pod(ordinal) + " dead").atMost(deathTimeout)
                    .pollInterval(Duration.ofMillis(50)).until(() -> containerGone(ordinal, uid, container));
        } catch (ConditionTimeoutException e) {
            if (result != null && result.ok()) {
                observer.poll(ordinal); // the script saw the process go; the kubelet is only slow to say so
                return;
            }
            throw new ChaosException("cannot kill member " + ordinal + " (" + layout.pod(ordinal) + "): " + outcome
                    + ", and its " + serviceName + " container still runs after " + deathTimeout.toSeconds() + " s: "
                    + pods.describe(ordinal));
        }
        observer.poll(ordinal);
    }

    private boolean containerGone(int ordinal, String uid, String containerId) {
        Pod now = pods.pod(ordinal).orElse(null);
        if (now == null || !now.getMetadata().getUid().equals(uid)) {
            return true;
        }
        ContainerStatus server = pods.server(now).orElse(null);
        return server == null || server.getState() == null || server.getState().getRunning() == null
                || !containerId.equals(server.getContainerID());
    }

    /**
     * Deletes the member's pod as an operator does, gracefully: its containers get SIGTERM and up to
     * the grace period to stop. Returns once the API server no longer has that pod; the StatefulSet
     * then creates it anew.
     *
     * @param grace null for the pod's own terminationGracePeriodSeconds
     */
    @Override
    public void deletePod(int ordinal, Duration grace) {
        Pod pod = pods.pod(ordinal).orElse(null);
        if (grace == null) {
            client.pods().inNamespace(namespace()).withName(layout.pod(ordinal)).delete();
        } else {
            client.pods().inNamespace(namespace()).withName(layout.pod(ordinal)).withGracePeriod(grace.toSeconds()).delete();
        }
        if (pod != null) {
            long podGrace = pod.getSpec().getTerminationGracePeriodSeconds() == null ? 30
                    : pod.getSpec().getTerminationGracePeriodSeconds();
            awaitGone(ordinal, pod.getMetadata().getUid(), (grace == null ? Duration.ofSeconds(podGrace) : grace).plus(GONE_TIMEOUT));
        }
        observer.poll(ordinal);
    }

    private void awaitGone(int ordinal, String uid, Duration timeout) {
        await("pod " + layout.pod(ordinal) + " gone").atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> pods.pod(ordinal).map(p -> !p.getMetadata().getUid().equals(uid)).orElse(true));
    }

    /** Grace period 0: the Pod object goes at once, whatever its process is doing. */
    private void deletePodNow(int ordinal) {
        Pod pod = pods.pod(ordinal).orElse(null);
        client.pods().inNamespace(namespace()).withName(layout.pod(ordinal)).withGracePeriod(0).delete();
        if (pod != null) {
            awaitGone(ordinal, pod.getMetadata().getUid(), GONE_TIMEOUT);
        }
    }

    /**
     * SIGSTOP to the server process through exec (see {@link ServerProcess}). The readiness probe then fails,
     * so a paused member counts against the disruption budget; the kubelet keeps the pod, as there
     * is no liveness probe to restart it.
     */
    @Override
    public void pause(int ordinal) {
        signal(ordinal, "STOP", true);
    }

    /** SIGCONT; a member whose pod is gone, or not running, has nothing to resume. */
    @Override
    public void resume(int ordinal) {
        signal(ordinal, "CONT", false);
    }

    private void signal(int ordinal, String signal, boolean mustRun) {
        if (!pods.running(ordinal)) {
            if (mustRun) {
                throw new ChaosException("cannot pause member " + ordinal + ": " + pods.describe(ordinal));
            }
            return;
        }
        try {
            PodExec.Result result = PodExec.sh(client, namespace(), layout.pod(ordinal), layout.signallingContainer(process),
                    process.signalScript(signal), EXEC_TIMEOUT);
            if (!result.ok()) {
                throw new ChaosException("kill -" + signal + " in " + layout.pod(ordinal) + " exited " + result.exitCode()
                        + ": " + result.stderr().trim());
            }
        } catch (KubernetesClientException e) {
            if (!mustRun && e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return; // the pod went while we asked: nothing left paused
            }
            throw e;
        }
    }

    /**
     * Deletes the member's claim, then its pod. The claim stays Terminating while a pod uses it
     * (pvc-protection); should the StatefulSet recreate the pod in that window, the new pod holds
     * on to the doomed claim, so it is deleted too until the claim is gone. The StatefulSet then
     * creates the pod again with a new, empty claim.
     */
    @Override
    public void loseVolume(int ordinal) {
        String claim = layout.claim(ordinal);
        PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(namespace()).withName(claim).get();
        client.persistentVolumeClaims().inNamespace(namespace()).withName(claim).delete();
        deletePodNow(ordinal);
        if (pvc != null) {
            String uid = pvc.getMetadata().getUid();
            await("claim " + claim + " deleted").atMost(GONE_TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        PersistentVolumeClaim now = client.persistentVolumeClaims().inNamespace(namespace()).withName(claim).get();
                        if (now == null || !now.getMetadata().getUid().equals(uid)) {
                            return true;
                        }
                        if (pods.pod(ordinal).isPresent()) {
                            client.pods().inNamespace(namespace()).withName(layout.pod(ordinal)).withGracePeriod(0).delete();
                        }
                        return false;
                    });
        }
        observer.poll(ordinal);
    }

    /** The StatefulSet controller recreates deleted pods by itself; there is nothing to hurry. */
    @Override
    public void ensureRunning(int ordinal) {
    }

    @Override
    public int starts(int ordinal) {
        return pods.starts(ordinal);
    }

    @Override
    public void onStart(IntConsumer listener) {
        pods.onStart(listener);
    }

    // --- membership changes ----------------------------------------------------------------

    @Override
    public Optional<String> cannotResize() {
        return reconfig.isPresent() ? Optional.empty() : Optional.of(serviceName + " on Kubernetes has no membership"
                + " change the harness can drive");
    }

    /**
     * One member more: pod {@code size()}, made a voter by the service; see {@link KubernetesResize}.
     * The node comes first, outside this ensemble's lock: a target that makes nodes takes its own
     * lock for it, and closes ensembles under that lock.
     */
    @Override
    public Resize grow() {
        KubernetesResize resize = resize();
        if (size >= EnsembleSpec.MAX_SIZE) {
            throw ChaosException.badInput("cannot grow past " + EnsembleSpec.MAX_SIZE + " members");
        }
        nodeSupply.accept(size + 1);
        synchronized (this) {
            return resize.grow();
        }
    }

    /** One member fewer: the service removes member {@code size() - 1}, then its pod and claim go. */
    @Override
    public synchronized Resize shrink() {
        return resize().shrink();
    }

    @Override
    public List<String> membership() {
        return reconfig.map(r -> r.voters(reachable(size))).orElseGet(() -> IntStream.range(0, size)
                .mapToObj(i -> "member " + i + " (" + layout.pod(i) + ")").toList());
    }

    private KubernetesResize resize() {
        MemberReconfig r = reconfig.orElseThrow(() -> new ChaosException(cannotResize().orElseThrow()));
        return new KubernetesResize(this, client, layout, r, joinTimeout, unschedulableGrace);
    }

    /** What a grow calls first with the number of members to host: a target that makes nodes (k3s) starts one. */
    public void nodeSupply(IntConsumer supply) {
        this.nodeSupply = supply;
    }

    /** For tests against the mock server, where no member answers: a double of the service's membership change. */
    KubernetesEnsemble withReconfig(MemberReconfig reconfigDouble) {
        this.reconfig = Optional.of(reconfigDouble);
        return this;
    }

    /** For tests: how long a grow waits for the new pod, and for an Unschedulable one to be placed after all. */
    KubernetesEnsemble withJoinTimeouts(Duration join, Duration unschedulable) {
        this.joinTimeout = join;
        this.unschedulableGrace = unschedulable;
        return this;
    }

    /** Members 0 to {@code count - 1} as the service's reconfiguration reaches them. */
    MemberReconfig.Members reachable(int count) {
        return new MemberReconfig.Members() {
            @Override
            public int size() {
                return count;
            }

            @Override
            public InetSocketAddress clientAddress(int ordinal) {
                return KubernetesEnsemble.this.clientAddress(ordinal);
            }

            @Override
            public String peerHost(int ordinal) {
                return layout.pod(ordinal) + "." + peerService;
            }
        };
    }

    /** The joining member's pod runs: its port-forward opens (the service's join may go through it). */
    void openTunnel(int ordinal) {
        pods.resize(ordinal + 1);
        if (ordinal < tunnels.size()) {
            return;
        }
        MemberTunnel tunnel = new MemberTunnel(client, layout.namespace(), layout.pod(ordinal), clientPort);
        tunnel.open();
        tunnels.add(tunnel);
    }

    /**
     * The service counts {@code members} members now: the observer follows (and records the change
     * in the history), and so does the disruption budget, whose members are the pods that count.
     */
    void counted(int members, String detail) {
        observer.resize(members, detail);
        budget.members(IntStream.range(0, members).mapToObj(layout::pod).toList());
        size = members;
        pods.resize(Math.max(members, tunnels.size()));
    }

    /** Member {@code ordinal} left (or never joined): its port-forward and status stream close. */
    void forget(int ordinal) {
        statuses.forget(ordinal);
        while (tunnels.size() > ordinal) {
            tunnels.remove(tunnels.size() - 1).close();
        }
        pods.resize(Math.min(size, ordinal));
    }

    /** Stops observing and deletes the namespace, and with it everything the run created. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        observer.close();
        statuses.close();
        budget.close();
        tunnels.forEach(MemberTunnel::close);
        pods.close();
        try {
            client.namespaces().withName(namespace()).delete();
        } finally {
            onClose.run();
        }
    }
}
