package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.EnsembleSpec;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntConsumer;

import static org.awaitility.Awaitility.await;

/**
 * The members' pods as an informer sees them: which pod is each member now, on which node, with
 * which IP, and whether it runs. A server container that runs with an id not seen before is
 * a (re)start of its member, as a process start is on the local target: in a new pod, or in
 * place after a crash (the kubelet restarts the container, its restartCount rises).
 */
final class MemberPods implements AutoCloseable {

    /** Unschedulable for this long means the cluster cannot host the ensemble, not a passing state. */
    private static final Duration UNSCHEDULABLE_GRACE = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final EnsembleLayout layout;
    /** The members counted now; pods of every ordinal an ensemble can grow to are followed. */
    private volatile int size;
    private final int capacity;
    private final Map<Integer, Pod> pods = new ConcurrentHashMap<>();
    private final Set<String> startedContainers = ConcurrentHashMap.newKeySet();
    private final AtomicIntegerArray starts;
    private final List<IntConsumer> startListeners = new CopyOnWriteArrayList<>();
    private final List<IntConsumer> addressListeners = new CopyOnWriteArrayList<>();
    private final Map<Integer, String> addresses = new ConcurrentHashMap<>();
    private final Map<String, Instant> unschedulableSince = new ConcurrentHashMap<>();
    private SharedIndexInformer<Pod> informer;

    MemberPods(KubernetesClient client, EnsembleLayout layout, int size) {
        this.client = client;
        this.layout = layout;
        this.size = size;
        this.capacity = Math.max(size, EnsembleSpec.MAX_SIZE);
        this.starts = new AtomicIntegerArray(capacity);
    }

    void start() {
        informer = client.pods().inNamespace(layout.namespace()).withLabel(RunLabels.RUN, layout.runId())
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        seen(pod);
                    }

                    @Override
                    public void onUpdate(Pod before, Pod pod) {
                        seen(pod);
                    }

                    @Override
                    public void onDelete(Pod pod, boolean finalStateUnknown) {
                        int ordinal = layout.ordinalOf(pod.getMetadata().getName());
                        if (ordinal >= 0) {
                            pods.computeIfPresent(ordinal, (o, current) ->
                                    current.getMetadata().getUid().equals(pod.getMetadata().getUid()) ? null : current);
                            addressSeen(ordinal);
                        }
                    }
                });
    }

    private void seen(Pod pod) {
        int ordinal = layout.ordinalOf(pod.getMetadata().getName());
        if (ordinal < 0 || ordinal >= capacity) {
            return;
        }
        pods.put(ordinal, pod);
        addressSeen(ordinal);
        if (running(pod) && startedContainers.add(pod.getMetadata().getUid() + "/" + serverContainerId(pod))) {
            starts.incrementAndGet(ordinal);
            startListeners.forEach(l -> l.accept(ordinal));
        }
    }

    /** Running: every container runs and the pod is not being deleted. Ready (serving) is more. */
    static boolean running(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null
                || !"Running".equals(pod.getStatus().getPhase())) {
            return false;
        }
        List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
        int containers = pod.getSpec().getContainers().size();
        return statuses != null && statuses.size() == containers
                && statuses.stream().allMatch(s -> s.getState() != null && s.getState().getRunning() != null);
    }

    /** The server container's status in {@code pod}, once the kubelet reported one. */
    Optional<ContainerStatus> server(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(s -> layout.serverContainer().equals(s.getName())).findFirst();
    }

    private String serverContainerId(Pod pod) {
        return server(pod).map(ContainerStatus::getContainerID).orElse("");
    }

    /** Whether the container of that name runs in {@code pod}, which is not being deleted. */
    static boolean containerRunning(Pod pod, String container) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getContainerStatuses() != null && pod.getStatus().getContainerStatuses().stream()
                .anyMatch(s -> container.equals(s.getName()) && s.getState() != null && s.getState().getRunning() != null);
    }

    static boolean ready(Pod pod) {
        return running(pod) && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    Optional<Pod> pod(int ordinal) {
        return Optional.ofNullable(pods.get(ordinal));
    }

    boolean running(int ordinal) {
        return pod(ordinal).map(MemberPods::running).orElse(false);
    }

    boolean ready(int ordinal) {
        return pod(ordinal).map(MemberPods::ready).orElse(false);
    }

    String nodeOf(int ordinal) {
        return pod(ordinal).map(p -> p.getSpec().getNodeName()).filter(node -> !node.isBlank())
                .orElseThrow(() -> new ChaosException("member " + ordinal + " runs on no node now: " + describe(ordinal)));
    }

    /**
     * The address of the member's pod: assigned with its sandbox, before its containers run, and
     * held until the pod object is gone (a terminating pod's processes still use it).
     */
    Optional<String> podIp(int ordinal) {
        return pod(ordinal).filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null)
                .map(p -> p.getStatus().getPodIP()).filter(ip -> !ip.isBlank());
    }

    /** Tells the listeners when a member's address changed (a new pod, or none). */
    private void addressSeen(int ordinal) {
        String now = podIp(ordinal).orElse("");
        String before = addresses.put(ordinal, now);
        if (before != null && !before.equals(now)) {
            addressListeners.forEach(l -> l.accept(ordinal));
        }
    }

    void onAddressChange(IntConsumer listener) {
        addressListeners.add(listener);
    }

    int starts(int ordinal) {
        return starts.get(ordinal);
    }

    void onStart(IntConsumer listener) {
        startListeners.add(listener);
    }

    /** The members that count now (a grow or shrink changed them); the others' pods are still followed. */
    void resize(int members) {
        size = members;
    }

    /** Waits until every member's pod runs; fails early when the cluster cannot schedule one. */
    void awaitRunning(Duration timeout) {
        try {
            await("members of " + layout.namespace() + " running").atMost(timeout).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        failIfUnschedulable();
                        for (int i = 0; i < size; i++) {
                            if (!running(i)) {
                                return false;
                            }
                        }
                        return true;
                    });
        } catch (ConditionTimeoutException e) {
            throw ChaosException.badInput("members did not start within " + timeout.toSeconds() + " s in namespace "
                    + layout.namespace() + ": " + describeAll());
        }
    }

    private void failIfUnschedulable() {
        for (Pod pod : pods.values()) {
            Optional<PodCondition> unschedulable = pod.getStatus() == null || pod.getStatus().getConditions() == null
                    ? Optional.empty()
                    : pod.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType())
                            && "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason())).findFirst();
            String uid = pod.getMetadata().getUid();
            if (unschedulable.isEmpty()) {
                unschedulableSince.remove(uid);
                continue;
            }
            Instant since = unschedulableSince.computeIfAbsent(uid, u -> Instant.now());
            if (Duration.between(since, Instant.now()).compareTo(UNSCHEDULABLE_GRACE) > 0) {
                throw ChaosException.badInput("pod " + pod.getMetadata().getName() + " cannot be scheduled: "
                        + unschedulable.get().getMessage() + " (one member per node needs as many schedulable nodes as "
                        + "members; use --target k3s, add nodes, or relax the anti-affinity)");
            }
        }
    }

    String describe(int ordinal) {
        Pod pod = pods.get(ordinal);
        if (pod == null) {
            return layout.pod(ordinal) + " absent";
        }
        StringBuilder sb = new StringBuilder(pod.getMetadata().getName()).append(' ')
                .append(pod.getStatus() == null ? "without status" : pod.getStatus().getPhase());
        if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
            for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
                if (s.getState() != null && s.getState().getWaiting() != null) {
                    sb.append(", ").append(s.getName()).append(" waiting: ").append(s.getState().getWaiting().getReason());
                    if (s.getState().getWaiting().getMessage() != null) {
                        sb.append(" (").append(s.getState().getWaiting().getMessage()).append(')');
                    }
                }
            }
        }
        if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
            pod.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                    .forEach(c -> sb.append(", unschedulable: ").append(c.getMessage()));
        }
        return sb.toString();
    }

    String describeAll() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            all.add(describe(i));
        }
        return String.join("; ", all);
    }

    /** Uids of the pods the members run in now. */
    Set<String> currentUids() {
        Set<String> uids = new HashSet<>();
        pods.values().forEach(p -> uids.add(p.getMetadata().getUid()));
        return uids;
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
    }
}
