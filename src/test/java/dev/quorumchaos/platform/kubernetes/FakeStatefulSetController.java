package dev.quorumchaos.platform.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * What the mock API server lacks, played the way a k3s v1.31 cluster plays it, every 50 ms:
 * <ul>
 *   <li><b>StatefulSet controller</b>: creates each missing pod {@code <set>-<ordinal>}, Pending
 *       and unplaced, and its claims from the claim templates when they are missing (claims
 *       outlive pods). Each template the set has had is a revision ({@code <set>-<hash>}); pods
 *       carry theirs in {@code controller-revision-hash}. Under {@code RollingUpdate}, a template
 *       change makes a new update revision: from the highest ordinal down to
 *       {@code rollingUpdate.partition}, it deletes (gracefully) the first pod at an old revision
 *       once every pod above it is Running and Ready, and recreates it at the new one (not Ready
 *       at first, like any new pod); a pod below the partition is recreated at the current
 *       revision. {@code OnDelete} replaces nothing. A scale down deletes the pods at and above
 *       {@code replicas}, gracefully: all at once under {@code Parallel} pod management, the
 *       highest first and one at a time under {@code OrderedReady}; a scale up creates the missing
 *       ordinals like any missing pod (Pending, then running, Ready later). Claims are left, as
 *       under {@code persistentVolumeClaimRetentionPolicy.whenScaled: Retain}: the Delete policy is
 *       not modelled. An update the API server's validation refuses (negative replicas, a change
 *       of an immutable spec field) is not acted on and listed in {@link #refusals()}. It publishes {@code status.replicas},
 *       {@code readyReplicas}, {@code updatedReplicas}, {@code currentRevision} (the update's once
 *       every pod has it) and {@code updateRevision}. Not modelled: {@code maxUnavailable} (one at
 *       a time always), {@code minReadySeconds}, {@code observedGeneration} (the mock server keeps
 *       no generation; the harness waits for a new {@code updateRevision} instead), rollback to a
 *       revision, the revision history limit, and a pod stuck in a broken revision (the real
 *       controller waits for ever, and so does this one for an image marked {@link #neverReady}).</li>
 *   <li><b>Scheduler</b>: places a pending pod on the first node (in the order given) that passes
 *       the filters, one reason per node in kube-scheduler's order: a cordon ("node(s) were
 *       unschedulable"), an untolerated NoSchedule or NoExecute taint ("node(s) had untolerated
 *       taint {key: value}"), a bound volume pinned to another node ("node(s) had volume node
 *       affinity conflict"), required pod anti-affinity ("node(s) didn't match pod anti-affinity
 *       rules", terminating pods still count). When no node passes, the pod stays Pending with
 *       {@code PodScheduled=False}, reason {@code Unschedulable}, and a {@code FailedScheduling}
 *       Warning event, both with kube-scheduler's message, e.g. "0/3 nodes are available: 1
 *       node(s) had untolerated taint {chaos: true}, 2 node(s) didn't match pod anti-affinity
 *       rules. preemption: 0/3 nodes are available: ...". It tries again every round, as the
 *       scheduler does when nodes or pods change.</li>
 *   <li><b>Volumes</b>: with {@code localVolumes} (k3s' local-path, WaitForFirstConsumer) a claim
 *       is bound at its pod's first placement to a volume pinned to that node, so the member can
 *       only come back there; otherwise volumes follow pods anywhere.</li>
 *   <li><b>Kubelet</b>: a placed pod runs after {@code start}, not Ready, and is Ready
 *       {@code ready} later (its readiness probe passing). {@link #crash} is the container's main
 *       process dying: terminated with exit code 137, restarted in place (restartCount + 1, a new
 *       containerID), not Ready until it passes again. Deletion is graceful: pods carry a
 *       finalizer the kubelet removes {@code termination} after the deletion timestamp is set, so
 *       the old pod exists, and counts for anti-affinity, until then.</li>
 *   <li><b>Taint-eviction controller</b>: deletes every pod on a node with a NoExecute taint the
 *       pod does not tolerate, without asking any PodDisruptionBudget, after marking it with a
 *       {@code DisruptionTarget} condition and a {@code TaintManagerEviction} event.</li>
 *   <li><b>Disruption controller</b>: publishes each PodDisruptionBudget's status from the Ready
 *       pods its selector matches.</li>
 *   <li><b>DefaultTolerationSeconds admission</b>: every pod it creates without its own gets
 *       NoExecute tolerations of {@code node.kubernetes.io/not-ready} and {@code unreachable} for
 *       {@link #withDefaultTolerationSeconds} (300 s, as kube-apiserver); the taint-eviction
 *       controller evicts once the tolerationSeconds since the taint's {@code timeAdded} are up.</li>
 *   <li><b>Stopped kubelets</b> ({@link #stopKubelet}): nothing on the node progresses, and pods
 *       marked for deletion stay Terminating; {@link FakeNodeLifecycleController} plays the rest.</li>
 * </ul>
 * Not modelled, so tests must not rely on it: the Eviction API (tests answer evictions with
 * expectations), grace period 0 (the mock server does not pass it on: every deletion takes
 * {@code termination}; {@link FakeNodeLifecycleController} honours it for pods on stopped nodes),
 * CrashLoopBackOff (every crash restarts at once), pvc-protection (a deleted claim goes at once),
 * resources, node affinity and selectors, topology spread, preemption (the message's preemption
 * part is the scheduler's wording, not a computation), nodes becoming NotReady by themselves
 * ({@link FakeNodeLifecycleController} does it for stopped kubelets), init containers
 * (a pod runs as if etcd's {@code member-config} had succeeded at once; a failing one, which keeps
 * a real pod in {@code Init:CrashLoopBackOff}, is not played), and OrderedReady pod management
 * (pods are created in parallel, as the manifests ask).
 */
final class FakeStatefulSetController implements AutoCloseable {

    static final String KUBELET_FINALIZER = "fake.quorumchaos.dev/kubelet";

    /** How long the fake kubelet takes for each step of a pod's life. */
    record Timing(Duration start, Duration ready, Duration termination) {

        static Timing quick() {
            return new Timing(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(100));
        }
    }

    /** What the kubelet knows about one pod (by uid) beyond the API object. */
    private static final class PodClock {
        Instant placed;
        Instant running;
        Instant crashed;
        Instant terminating;
        Instant readyAt;
        final AtomicInteger containerIds = new AtomicInteger();
    }

    private final KubernetesClient client;
    private final List<String> nodes;
    private final boolean localVolumes;
    private final Timing timing;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-cluster");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, PodClock> clocks = new ConcurrentHashMap<>();
    private final Set<String> crashRequests = ConcurrentHashMap.newKeySet();
    private final Map<String, String> lastSchedulingMessage = new ConcurrentHashMap<>();
    /** Nodes whose kubelet is stopped, and since when: nothing on them progresses ({@link FakeNodeLifecycleController}). */
    private final Map<String, Instant> kubeletStopped = new ConcurrentHashMap<>();
    /** What the DefaultTolerationSeconds admission plugin gives a pod that sets no not-ready/unreachable toleration. */
    private volatile long defaultTolerationSeconds = 300;
    private final AtomicInteger ips = new AtomicInteger(10);
    private final AtomicInteger events = new AtomicInteger();

    /** Nodes that are Ready and untainted, local volumes, quick timing. */
    FakeStatefulSetController(KubernetesClient client, List<String> nodes) {
        this(client, nodes, true, Timing.quick());
    }

    FakeStatefulSetController(KubernetesClient client, List<String> nodes, boolean localVolumes, Timing timing) {
        this.client = client;
        this.nodes = List.copyOf(nodes);
        this.localVolumes = localVolumes;
        this.timing = timing;
        for (String node : nodes) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node)
                    .addToLabels("kubernetes.io/hostname", node).endMetadata().withNewSpec().endSpec()
                    .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                    .build()).create();
        }
        loop.scheduleWithFixedDelay(this::round, 0, 50, TimeUnit.MILLISECONDS);
    }

    /** The node's kubelet stops: its pods are no longer started, made Ready, or finished after deletion. */
    void stopKubelet(String node) {
        kubeletStopped.putIfAbsent(node, Instant.now());
    }

    void startKubelet(String node) {
        kubeletStopped.remove(node);
    }

    /** Since when the node's kubelet is stopped; empty while it runs. */
    Optional<Instant> kubeletStoppedSince(String node) {
        return Optional.ofNullable(kubeletStopped.get(node));
    }

    /** The admission plugin's tolerationSeconds for pods created from now on (kube-apiserver's 300 s by default). */
    FakeStatefulSetController withDefaultTolerationSeconds(long seconds) {
        defaultTolerationSeconds = seconds;
        return this;
    }

    /** Images whose containers run but never pass their readiness probe: a broken release. */
    private final Set<String> neverReady = ConcurrentHashMap.newKeySet();

    /**
     * Containers of {@code image} will run but never be Ready, as a release that cannot join its
     * ensemble; the kubelet's {@code Unhealthy} Warning event says so (once: the real kubelet
     * repeats it, counted).
     */
    void neverReady(String image) {
        neverReady.add(image);
    }

    /** The server container of {@code pod} dies, as after {@code kill -9} of its process; it is restarted in place. */
    void crash(String namespace, String pod) {
        Pod p = client.pods().inNamespace(namespace).withName(pod).get();
        crashRequests.add(p.getMetadata().getUid());
    }

    private void round() {
        try {
            Set<String> namespaces = client.namespaces().list().getItems().stream().map(Namespace::getMetadata)
                    .map(m -> m.getName()).collect(Collectors.toSet());
            for (StatefulSet set : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
                if (namespaces.contains(set.getMetadata().getNamespace())) {
                    guarded(() -> statefulSetController(set));
                }
            }
            List<Pod> pods = client.pods().inAnyNamespace().list().getItems().stream()
                    .filter(p -> p.getMetadata().getFinalizers() != null
                            && p.getMetadata().getFinalizers().contains(KUBELET_FINALIZER))
                    .toList();
            Map<String, Node> nodesByName = client.nodes().list().getItems().stream()
                    .collect(Collectors.toMap(n -> n.getMetadata().getName(), n -> n, (a, b) -> a, LinkedHashMap::new));
            for (Pod pod : pods) {
                guarded(() -> taintEviction(pod, nodesByName));
            }
            for (Pod pod : pods) {
                guarded(() -> schedule(pod, nodesByName));
            }
            for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
                guarded(() -> kubelet(pod));
            }
            for (PodDisruptionBudget pdb : client.policy().v1().podDisruptionBudget().inAnyNamespace().list().getItems()) {
                guarded(() -> disruptionController(pdb));
            }
        } catch (RuntimeException e) {
            // the server is shutting down, or a namespace went away under us: the next round tries again
        }
    }

    private static void guarded(Runnable step) {
        try {
            step.run();
        } catch (KubernetesClientException e) {
            // the object changed or went away since it was listed: the next round sees it as it is
        }
    }

    // --- StatefulSet controller -------------------------------------------------------------

    private void statefulSetController(StatefulSet set) {
        String ns = set.getMetadata().getNamespace();
        if (!admissible(set)) {
            return;
        }
        Revisions revisions = revisions(set);
        int partition = partition(set);
        // one list a round for the set's pods: the rolling update and the status read it too
        Map<String, Pod> existing = client.pods().inNamespace(ns).list().getItems().stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p));
        for (int i = 0; i < set.getSpec().getReplicas(); i++) {
            String name = set.getMetadata().getName() + "-" + i;
            if (existing.containsKey(name)) {
                continue;
            }
            // a pod below the partition comes back at the current revision, even after a template change
            String revision = i >= partition ? revisions.update : revisions.current;
            PodTemplateSpec podTemplate = revisions.templates.get(revision);
            List<Volume> claimVolumes = new ArrayList<>();
            for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
                String claim = template.getMetadata().getName() + "-" + name;
                if (client.persistentVolumeClaims().inNamespace(ns).withName(claim).get() == null) {
                    client.persistentVolumeClaims().inNamespace(ns).resource(new PersistentVolumeClaimBuilder()
                            .withNewMetadata().withName(claim).withNamespace(ns).withUid(UUID.randomUUID().toString())
                            .withLabels(template.getMetadata().getLabels()).endMetadata()
                            .withSpec(template.getSpec()).withNewStatus().withPhase("Pending").endStatus().build()).create();
                }
                claimVolumes.add(new VolumeBuilder().withName(template.getMetadata().getName())
                        .withNewPersistentVolumeClaim().withClaimName(claim).endPersistentVolumeClaim().build());
            }
            Pod pod = new PodBuilder()
                    .withNewMetadata().withName(name).withNamespace(ns).withUid(UUID.randomUUID().toString())
                    .withLabels(podTemplate.getMetadata().getLabels())
                    .withAnnotations(podTemplate.getMetadata().getAnnotations())
                    .addToLabels("statefulset.kubernetes.io/pod-name", name)
                    .addToLabels(StatefulSetRollout.REVISION_LABEL, revision)
                    .addToFinalizers(KUBELET_FINALIZER)
                    .addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet")
                    .withName(set.getMetadata().getName()).withUid(set.getMetadata().getUid()).withController(true)
                    .endOwnerReference().endMetadata()
                    .withSpec(podTemplate.getSpec())
                    .editSpec().withHostname(name).withSubdomain(set.getSpec().getServiceName()).addAllToVolumes(claimVolumes)
                    .endSpec()
                    .withNewStatus().withPhase("Pending").endStatus()
                    .build();
            client.pods().inNamespace(ns).resource(defaultTolerations(pod)).create();
        }
        scaleDown(set, existing);
        rollingUpdate(set, revisions, partition, existing);
        publishStatus(set, revisions, existing);
    }

    /**
     * Pods at or above {@code replicas} are condemned: with Parallel pod management all are
     * deleted (gracefully) at once; with OrderedReady only the highest, once no condemned pod is
     * still terminating.
     */
    private void scaleDown(StatefulSet set, Map<String, Pod> existing) {
        String prefix = set.getMetadata().getName() + "-";
        List<Pod> condemned = existing.values().stream().filter(p -> p.getMetadata().getName().startsWith(prefix))
                .filter(p -> ordinal(p.getMetadata().getName(), prefix) >= set.getSpec().getReplicas())
                .sorted((a, b) -> ordinal(b.getMetadata().getName(), prefix) - ordinal(a.getMetadata().getName(), prefix))
                .toList();
        boolean parallel = "Parallel".equals(set.getSpec().getPodManagementPolicy());
        for (Pod pod : condemned) {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                if (parallel) {
                    continue;
                }
                return;
            }
            client.pods().inNamespace(set.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
            if (!parallel) {
                return;
            }
        }
    }

    private static int ordinal(String name, String prefix) {
        try {
            return Integer.parseInt(name.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The parts of a StatefulSet's spec the API server lets no update change, as first seen. */
    private final Map<String, String> immutable = new ConcurrentHashMap<>();
    private final List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * What kube-apiserver's validation refuses of a StatefulSet update, which the mock server
     * accepts: negative replicas, and a change of any spec field but replicas, ordinals,
     * template, updateStrategy, persistentVolumeClaimRetentionPolicy and minReadySeconds. Such a
     * set is not acted on, and the refusal is kept for the test ({@link #refusals}).
     */
    private boolean admissible(StatefulSet set) {
        String key = set.getMetadata().getNamespace() + "/" + set.getMetadata().getName();
        if (set.getSpec().getReplicas() != null && set.getSpec().getReplicas() < 0) {
            refuse(key + ": spec.replicas: Invalid value: " + set.getSpec().getReplicas()
                    + ": must be greater than or equal to 0");
            return false;
        }
        var spec = set.getSpec();
        String fixed = io.fabric8.kubernetes.client.utils.Serialization.asJson(List.of(
                String.valueOf(spec.getSelector()), String.valueOf(spec.getServiceName()),
                String.valueOf(spec.getPodManagementPolicy()), String.valueOf(spec.getVolumeClaimTemplates()),
                String.valueOf(spec.getRevisionHistoryLimit())));
        String first = immutable.putIfAbsent(key, fixed);
        if (first != null && !first.equals(fixed)) {
            refuse(key + ": spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', "
                    + "'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
            return false;
        }
        return true;
    }

    private void refuse(String refusal) {
        if (!refusals.contains(refusal)) {
            refusals.add(refusal);
        }
    }

    /** What the API server would have refused of the StatefulSets' updates; empty when all was admissible. */
    List<String> refusals() {
        return List.copyOf(refusals);
    }

    /** A StatefulSet's revisions: each template it has had, by name, and which is current and which the update's. */
    private static final class Revisions {
        final Map<String, PodTemplateSpec> templates = new ConcurrentHashMap<>();
        String current;
        String update;
    }

    private final Map<String, Revisions> revisions = new ConcurrentHashMap<>();

    /** The set's revisions, a new one when its template changed (the controller's ControllerRevision objects). */
    private Revisions revisions(StatefulSet set) {
        Revisions r = revisions.computeIfAbsent(set.getMetadata().getUid() == null ? set.getMetadata().getNamespace()
                + "/" + set.getMetadata().getName() : set.getMetadata().getUid(), k -> new Revisions());
        String name = set.getMetadata().getName() + "-" + hash(set.getSpec().getTemplate());
        r.templates.putIfAbsent(name, set.getSpec().getTemplate());
        if (r.current == null) {
            r.current = name;
        }
        r.update = name;
        return r;
    }

    private static String hash(PodTemplateSpec template) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    io.fabric8.kubernetes.client.utils.Serialization.asJson(template).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 5);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int partition(StatefulSet set) {
        var strategy = set.getSpec().getUpdateStrategy();
        if (strategy == null || strategy.getRollingUpdate() == null || strategy.getRollingUpdate().getPartition() == null) {
            return 0;
        }
        return strategy.getRollingUpdate().getPartition();
    }

    /**
     * RollingUpdate as the controller plays it: from the highest ordinal down to the partition,
     * each pod must be Running and Ready before the controller goes further; the first one found
     * at an old revision is deleted (gracefully), and the next round recreates it at the update
     * revision. OnDelete leaves every pod alone.
     */
    private void rollingUpdate(StatefulSet set, Revisions revisions, int partition, Map<String, Pod> existing) {
        var strategy = set.getSpec().getUpdateStrategy();
        if (strategy != null && "OnDelete".equals(strategy.getType())) {
            return;
        }
        String ns = set.getMetadata().getNamespace();
        for (int i = set.getSpec().getReplicas() - 1; i >= partition; i--) {
            Pod pod = existing.get(set.getMetadata().getName() + "-" + i);
            if (pod == null || pod.getMetadata().getDeletionTimestamp() != null) {
                return; // being replaced: wait for it
            }
            if (!revisions.update.equals(pod.getMetadata().getLabels().get(StatefulSetRollout.REVISION_LABEL))) {
                client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).delete();
                return;
            }
            if (!"Running".equals(pod.getStatus().getPhase()) || !isReady(pod)) {
                return; // updated, not yet Running and Ready: the next waits
            }
        }
    }

    /** status: replicas, readyReplicas, updatedReplicas, currentRevision (the update's once every pod has it), updateRevision. */
    private void publishStatus(StatefulSet set, Revisions revisions, Map<String, Pod> existing) {
        String ns = set.getMetadata().getNamespace();
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < set.getSpec().getReplicas(); i++) {
            Pod pod = existing.get(set.getMetadata().getName() + "-" + i);
            if (pod != null && pod.getMetadata().getDeletionTimestamp() == null) {
                pods.add(pod);
            }
        }
        int updated = (int) pods.stream().filter(p -> revisions.update.equals(
                p.getMetadata().getLabels().get(StatefulSetRollout.REVISION_LABEL))).count();
        if (updated == set.getSpec().getReplicas()) {
            revisions.current = revisions.update;
        }
        int ready = (int) pods.stream().filter(p -> p.getStatus() != null && isReady(p)).count();
        io.fabric8.kubernetes.api.model.apps.StatefulSetStatus status = new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder()
                .withReplicas(pods.size()).withReadyReplicas(ready).withUpdatedReplicas(updated)
                .withCurrentRevision(revisions.current).withUpdateRevision(revisions.update).build();
        var now = set.getStatus();
        boolean same = now != null && Objects.equals(now.getReplicas(), status.getReplicas())
                && Objects.equals(now.getReadyReplicas(), status.getReadyReplicas())
                && Objects.equals(now.getUpdatedReplicas(), status.getUpdatedReplicas())
                && Objects.equals(now.getCurrentRevision(), status.getCurrentRevision())
                && Objects.equals(now.getUpdateRevision(), status.getUpdateRevision());
        if (!same) { // written only when it changed: the mock server is shared with the test's own requests
            set.setStatus(status);
            client.apps().statefulSets().inNamespace(ns).resource(set).updateStatus();
        }
    }

    /**
     * The DefaultTolerationSeconds admission plugin: a pod without its own NoExecute toleration of
     * {@code node.kubernetes.io/not-ready} or {@code unreachable} gets one for each, Exists, with the
     * default tolerationSeconds.
     */
    private Pod defaultTolerations(Pod pod) {
        List<Toleration> tolerations = new ArrayList<>(pod.getSpec().getTolerations() == null ? List.of() : pod.getSpec().getTolerations());
        for (String key : List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable")) {
            boolean own = tolerations.stream().anyMatch(t -> key.equals(t.getKey())
                    && (t.getEffect() == null || t.getEffect().isEmpty() || "NoExecute".equals(t.getEffect())));
            if (!own) {
                tolerations.add(new io.fabric8.kubernetes.api.model.TolerationBuilder().withKey(key).withOperator("Exists")
                        .withEffect("NoExecute").withTolerationSeconds(defaultTolerationSeconds).build());
            }
        }
        pod.getSpec().setTolerations(tolerations);
        return pod;
    }

    // --- taint-eviction controller ----------------------------------------------------------

    private void taintEviction(Pod pod, Map<String, Node> nodes) {
        String nodeName = pod.getSpec().getNodeName();
        if (nodeName == null || pod.getMetadata().getDeletionTimestamp() != null || !nodes.containsKey(nodeName)) {
            return;
        }
        Optional<Taint> evicting = taints(nodes.get(nodeName)).stream()
                .filter(t -> "NoExecute".equals(t.getEffect()) && (!tolerated(pod, t) || toleranceRanOut(pod, t))).findFirst();
        if (evicting.isEmpty()) {
            return;
        }
        String ns = pod.getMetadata().getNamespace();
        client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).edit(p -> {
            status(p).setConditions(withCondition(p, new PodConditionBuilder().withType("DisruptionTarget").withStatus("True")
                    .withReason("DeletionByTaintManager").withMessage("Taint manager: deleting due to NoExecute taint")
                    .build()));
            return p;
        });
        event(pod, "Normal", "TaintManagerEviction", "taint-eviction-controller",
                "Marking for deletion Pod " + ns + "/" + pod.getMetadata().getName());
        client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).delete();
    }

    // --- scheduler --------------------------------------------------------------------------

    private void schedule(Pod pod, Map<String, Node> nodesByName) {
        if (pod.getSpec().getNodeName() != null || pod.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        String ns = pod.getMetadata().getNamespace();
        List<Pod> placed = client.pods().inNamespace(ns).list().getItems().stream()
                .filter(p -> p.getSpec().getNodeName() != null).toList();
        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, Integer> preemption = new TreeMap<>();
        for (String nodeName : nodes) {
            Node node = nodesByName.get(nodeName);
            if (node == null) {
                continue;
            }
            Optional<String> unresolvable = unschedulableReason(pod, node);
            Optional<String> reason = unresolvable.or(() -> antiAffinityReason(pod, node, placed));
            if (reason.isEmpty()) {
                place(pod, nodeName);
                lastSchedulingMessage.remove(pod.getMetadata().getUid());
                return;
            }
            reasons.merge(reason.get(), 1, Integer::sum);
            preemption.merge(unresolvable.isPresent() ? "Preemption is not helpful for scheduling"
                    : "No preemption victims found for incoming pod", 1, Integer::sum);
        }
        int all = nodesByName.size();
        String message = "0/" + all + " nodes are available: " + histogram(reasons) + ". preemption: 0/" + all
                + " nodes are available: " + histogram(preemption) + ".";
        if (message.equals(lastSchedulingMessage.put(pod.getMetadata().getUid(), message))) {
            return;
        }
        client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).edit(p -> {
            status(p).setConditions(withCondition(p, new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                    .withReason("Unschedulable").withMessage(message).build()));
            return p;
        });
        event(pod, "Warning", "FailedScheduling", "default-scheduler", message);
    }

    /** Sorted like kube-scheduler's: "1 node(s) had ..., 2 node(s) didn't ...". */
    private static String histogram(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).sorted().collect(Collectors.joining(", "));
    }

    /** The filters that preemption cannot help with, in kube-scheduler's order. */
    private Optional<String> unschedulableReason(Pod pod, Node node) {
        if (Boolean.TRUE.equals(node.getSpec().getUnschedulable()) && !tolerated(pod,
                new Taint("NoSchedule", "node.kubernetes.io/unschedulable", null, null))) {
            return Optional.of("node(s) were unschedulable");
        }
        for (Taint taint : taints(node)) {
            boolean repels = "NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect());
            if (repels && !tolerated(pod, taint)) {
                return Optional.of("node(s) had untolerated taint {" + taint.getKey() + ": "
                        + (taint.getValue() == null ? "" : taint.getValue()) + "}");
            }
        }
        for (String claim : claimsOf(pod)) {
            PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(pod.getMetadata().getNamespace())
                    .withName(claim).get();
            if (pvc == null) {
                return Optional.of("persistentvolumeclaim \"" + claim + "\" not found");
            }
            String pinned = pinnedNode(pvc);
            if (pinned != null && !pinned.equals(node.getMetadata().getName())) {
                return Optional.of("node(s) had volume node affinity conflict");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> antiAffinityReason(Pod pod, Node node, List<Pod> placed) {
        if (pod.getSpec().getAffinity() == null || pod.getSpec().getAffinity().getPodAntiAffinity() == null) {
            return Optional.empty();
        }
        for (PodAffinityTerm term : pod.getSpec().getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()) {
            if (!"kubernetes.io/hostname".equals(term.getTopologyKey())) {
                throw new IllegalStateException("the fake scheduler knows only the kubernetes.io/hostname topology, not "
                        + term.getTopologyKey());
            }
            boolean taken = placed.stream().filter(p -> node.getMetadata().getName().equals(p.getSpec().getNodeName()))
                    .filter(p -> !p.getMetadata().getUid().equals(pod.getMetadata().getUid()))
                    .anyMatch(p -> matches(term.getLabelSelector(), p.getMetadata().getLabels()));
            if (taken) {
                return Optional.of("node(s) didn't match pod anti-affinity rules");
            }
        }
        return Optional.empty();
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new IllegalStateException("the fake scheduler knows matchLabels only");
        }
        return labels != null && selector.getMatchLabels() != null
                && selector.getMatchLabels().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private void place(Pod pod, String nodeName) {
        String ns = pod.getMetadata().getNamespace();
        for (String claim : claimsOf(pod)) {
            bind(ns, claim, nodeName);
        }
        client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).edit(p -> {
            p.getSpec().setNodeName(nodeName);
            status(p).setConditions(withCondition(p, new PodConditionBuilder().withType("PodScheduled").withStatus("True").build()));
            return p;
        });
        clock(pod).placed = Instant.now();
        event(pod, "Normal", "Scheduled", "default-scheduler", "Successfully assigned " + ns + "/"
                + pod.getMetadata().getName() + " to " + nodeName);
    }

    /** WaitForFirstConsumer: the first placement decides where a local volume lives. */
    private void bind(String ns, String claim, String nodeName) {
        PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(ns).withName(claim).get();
        if (pvc == null || pvc.getSpec().getVolumeName() != null) {
            return;
        }
        String volume = "pvc-" + pvc.getMetadata().getUid();
        PersistentVolumeBuilder pv = new PersistentVolumeBuilder().withNewMetadata().withName(volume).endMetadata()
                .withNewSpec().withNewClaimRef().withNamespace(ns).withName(claim).endClaimRef().endSpec();
        if (localVolumes) {
            pv.editSpec().withNewNodeAffinity().withNewRequired().addNewNodeSelectorTerm().addNewMatchExpression()
                    .withKey("kubernetes.io/hostname").withOperator("In").withValues(nodeName).endMatchExpression()
                    .endNodeSelectorTerm().endRequired().endNodeAffinity().endSpec();
        }
        client.persistentVolumes().resource(pv.build()).create();
        client.persistentVolumeClaims().inNamespace(ns).withName(claim).edit(c -> {
            c.getSpec().setVolumeName(volume);
            c.getStatus().setPhase("Bound");
            return c;
        });
    }

    private String pinnedNode(PersistentVolumeClaim pvc) {
        if (pvc.getSpec().getVolumeName() == null) {
            return null;
        }
        PersistentVolume pv = client.persistentVolumes().withName(pvc.getSpec().getVolumeName()).get();
        if (pv == null || pv.getSpec().getNodeAffinity() == null) {
            return null;
        }
        return pv.getSpec().getNodeAffinity().getRequired().getNodeSelectorTerms().get(0).getMatchExpressions().get(0)
                .getValues().get(0);
    }

    private static List<String> claimsOf(Pod pod) {
        if (pod.getSpec().getVolumes() == null) {
            return List.of();
        }
        return pod.getSpec().getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null)
                .map(v -> v.getPersistentVolumeClaim().getClaimName()).toList();
    }

    // --- kubelet ----------------------------------------------------------------------------

    private void kubelet(Pod pod) {
        if (pod.getSpec().getNodeName() == null && pod.getMetadata().getDeletionTimestamp() != null
                && pod.getMetadata().getFinalizers() != null && pod.getMetadata().getFinalizers().contains(KUBELET_FINALIZER)) {
            // the API server deletes a pod no node was assigned at once, whatever the grace period: no kubelet runs it
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).edit(p -> {
                p.getMetadata().getFinalizers().remove(KUBELET_FINALIZER);
                return p;
            });
            return;
        }
        if (pod.getSpec().getNodeName() == null || pod.getMetadata().getFinalizers() == null
                || !pod.getMetadata().getFinalizers().contains(KUBELET_FINALIZER)
                || kubeletStopped.containsKey(pod.getSpec().getNodeName())) {
            return;
        }
        PodClock clock = clock(pod);
        Instant now = Instant.now();
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            if (clock.terminating == null) {
                clock.terminating = now;
                client.pods().inNamespace(ns).withName(name).edit(p -> {
                    status(p).setConditions(withCondition(p, condition("Ready", false)));
                    return p;
                });
            } else if (now.isAfter(clock.terminating.plus(timing.termination()))) {
                clocks.remove(pod.getMetadata().getUid());
                client.pods().inNamespace(ns).withName(name).edit(p -> {
                    p.getMetadata().getFinalizers().remove(KUBELET_FINALIZER);
                    return p;
                });
            }
            return;
        }
        if (clock.running == null && clock.placed != null && now.isAfter(clock.placed.plus(timing.start()))) {
            clock.running = now;
            clock.readyAt = now.plus(timing.ready());
            String ip = "10.42.0." + ips.incrementAndGet();
            client.pods().inNamespace(ns).withName(name).edit(p -> {
                status(p).setPhase("Running");
                status(p).setPodIP(ip);
                status(p).setContainerStatuses(p.getSpec().getContainers().stream()
                        .map(c -> running(c, clock, 0, false)).toList());
                status(p).setConditions(withCondition(p, condition("Ready", false)));
                return p;
            });
            return;
        }
        if (clock.running == null) {
            return;
        }
        if (crashRequests.remove(pod.getMetadata().getUid())) {
            clock.crashed = now;
            clock.readyAt = null;
            client.pods().inNamespace(ns).withName(name).edit(p -> {
                ContainerStatus zk = server(p);
                zk.setReady(false);
                zk.getState().setRunning(null);
                zk.getState().setTerminated(new io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder()
                        .withExitCode(137).withReason("Error").withContainerID(zk.getContainerID()).build());
                status(p).setConditions(withCondition(p, condition("Ready", false)));
                return p;
            });
            return;
        }
        if (clock.crashed != null && now.isAfter(clock.crashed.plus(timing.start()))) {
            clock.crashed = null;
            clock.readyAt = now.plus(timing.ready());
            client.pods().inNamespace(ns).withName(name).edit(p -> {
                ContainerStatus zk = server(p);
                ContainerStatus restarted = running(p.getSpec().getContainers().stream()
                        .filter(c -> c.getName().equals(zk.getName())).findFirst().orElseThrow(), clock,
                        zk.getRestartCount() + 1, false);
                restarted.setLastState(new io.fabric8.kubernetes.api.model.ContainerStateBuilder()
                        .withTerminated(zk.getState().getTerminated()).build());
                List<ContainerStatus> statuses = new ArrayList<>(p.getStatus().getContainerStatuses());
                statuses.replaceAll(s -> s.getName().equals(zk.getName()) ? restarted : s);
                status(p).setContainerStatuses(statuses);
                return p;
            });
            return;
        }
        if (clock.readyAt != null && clock.crashed == null && now.isAfter(clock.readyAt)
                && pod.getSpec().getContainers().stream().noneMatch(c -> neverReady.contains(c.getImage()))) {
            clock.readyAt = null;
            client.pods().inNamespace(ns).withName(name).edit(p -> {
                p.getStatus().getContainerStatuses().forEach(s -> s.setReady(true));
                status(p).setConditions(withCondition(p, condition("Ready", true)));
                return p;
            });
        } else if (clock.readyAt != null && clock.crashed == null && now.isAfter(clock.readyAt)) {
            clock.readyAt = null; // a broken release: the kubelet says so once, as its probe keeps failing
            event(pod, "Warning", "Unhealthy", "kubelet", "Readiness probe failed: the member does not serve");
        }
    }

    private static ContainerStatus running(Container container, PodClock clock, int restarts, boolean ready) {
        return new ContainerStatusBuilder().withName(container.getName()).withImage(container.getImage())
                .withContainerID("containerd://" + container.getName() + "-" + clock.containerIds.incrementAndGet())
                .withRestartCount(restarts).withReady(ready).withStarted(true)
                .withNewState().withNewRunning().withStartedAt(Instant.now().toString()).endRunning().endState().build();
    }

    /** The container exposing ZooKeeper's or etcd's client port, as the harness finds it. */
    private static ContainerStatus server(Pod pod) {
        String name = pod.getSpec().getContainers().stream()
                .filter(c -> c.getPorts() != null && c.getPorts().stream().anyMatch(p -> p.getContainerPort() == 2181 || p.getContainerPort() == 2379))
                .findFirst().orElse(pod.getSpec().getContainers().get(0)).getName();
        return pod.getStatus().getContainerStatuses().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }

    private PodClock clock(Pod pod) {
        return clocks.computeIfAbsent(pod.getMetadata().getUid(), uid -> new PodClock());
    }

    // --- disruption controller --------------------------------------------------------------

    private void disruptionController(PodDisruptionBudget pdb) {
        String ns = pdb.getMetadata().getNamespace();
        List<Pod> pods = client.pods().inNamespace(ns).list().getItems().stream()
                .filter(p -> matches(pdb.getSpec().getSelector(), p.getMetadata().getLabels())).toList();
        int expected = pods.size();
        int healthy = (int) pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null && isReady(p)).count();
        int maxUnavailable = pdb.getSpec().getMaxUnavailable() == null ? 0 : pdb.getSpec().getMaxUnavailable().getIntVal();
        int desired = Math.max(0, expected - maxUnavailable);
        int allowed = Math.max(0, healthy - desired);
        var s = pdb.getStatus();
        if (s != null && Objects.equals(s.getCurrentHealthy(), healthy) && Objects.equals(s.getDesiredHealthy(), desired)
                && Objects.equals(s.getExpectedPods(), expected) && Objects.equals(s.getDisruptionsAllowed(), allowed)) {
            return;
        }
        client.policy().v1().podDisruptionBudget().inNamespace(ns).withName(pdb.getMetadata().getName()).edit(b -> {
            b.setStatus(new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatusBuilder()
                    .withCurrentHealthy(healthy).withDesiredHealthy(desired).withExpectedPods(expected)
                    .withDisruptionsAllowed(allowed).build());
            return b;
        });
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    // --- helpers ----------------------------------------------------------------------------

    private static List<Taint> taints(Node node) {
        return node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
    }

    /**
     * A tolerated NoExecute taint still evicts once the shortest matching tolerationSeconds has
     * passed since the taint was added; without tolerationSeconds it is tolerated for ever.
     */
    private static boolean toleranceRanOut(Pod pod, Taint taint) {
        Optional<Long> seconds = pod.getSpec().getTolerations().stream().filter(t -> tolerates(t, taint))
                .map(Toleration::getTolerationSeconds).filter(Objects::nonNull).min(Long::compare);
        if (seconds.isEmpty() || pod.getSpec().getTolerations().stream().anyMatch(t -> tolerates(t, taint)
                && t.getTolerationSeconds() == null)) {
            return false;
        }
        Instant added = taint.getTimeAdded() == null ? Instant.now() : Instant.parse(taint.getTimeAdded());
        return !Instant.now().isBefore(added.plusSeconds(seconds.get()));
    }

    /** Kubernetes' toleration matching: same effect (or any), and Exists on the key (or any key) or an equal value. */
    static boolean tolerated(Pod pod, Taint taint) {
        List<Toleration> tolerations = pod.getSpec().getTolerations() == null ? List.of() : pod.getSpec().getTolerations();
        return tolerations.stream().anyMatch(t -> tolerates(t, taint));
    }

    private static boolean tolerates(Toleration t, Taint taint) {
        boolean effect = t.getEffect() == null || t.getEffect().isEmpty() || t.getEffect().equals(taint.getEffect());
        if (!effect) {
            return false;
        }
        if (t.getKey() == null || t.getKey().isEmpty()) {
            return "Exists".equals(t.getOperator());
        }
        if (!t.getKey().equals(taint.getKey())) {
            return false;
        }
        return "Exists".equals(t.getOperator())
                || Objects.equals(t.getValue() == null ? "" : t.getValue(), taint.getValue() == null ? "" : taint.getValue());
    }

    private static io.fabric8.kubernetes.api.model.PodStatus status(Pod pod) {
        if (pod.getStatus() == null) {
            pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
        }
        return pod.getStatus();
    }

    private static PodCondition condition(String type, boolean status) {
        return new PodConditionBuilder().withType(type).withStatus(status ? "True" : "False").build();
    }

    private static List<PodCondition> withCondition(Pod pod, PodCondition condition) {
        Map<String, PodCondition> byType = new LinkedHashMap<>();
        if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
            pod.getStatus().getConditions().forEach(c -> byType.put(c.getType(), c));
        }
        byType.put(condition.getType(), condition);
        if ("Ready".equals(condition.getType())) {
            byType.put("ContainersReady", new PodConditionBuilder(condition).withType("ContainersReady").build());
        }
        return new ArrayList<>(byType.values());
    }

    private void event(Pod pod, String type, String reason, String component, String message) {
        String ns = pod.getMetadata().getNamespace();
        client.v1().events().inNamespace(ns).resource(new EventBuilder()
                .withNewMetadata().withName(pod.getMetadata().getName() + "." + Integer.toHexString(events.incrementAndGet()))
                .withNamespace(ns).endMetadata()
                .withNewInvolvedObject().withKind("Pod").withNamespace(ns).withName(pod.getMetadata().getName())
                .withUid(pod.getMetadata().getUid()).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message).withReportingComponent(component)
                .withNewSource().withComponent(component).endSource()
                .withFirstTimestamp(Instant.now().toString()).withLastTimestamp(Instant.now().toString()).withCount(1)
                .build()).create();
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
