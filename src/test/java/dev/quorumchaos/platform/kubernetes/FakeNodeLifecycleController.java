package dev.quorumchaos.platform.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node-lifecycle controller and the API server's force deletion, for nodes whose kubelet a
 * {@link FakeStatefulSetController} has stopped, played every 50 ms the way kube-controller-manager
 * and kube-apiserver play them:
 * <ul>
 *   <li>A node whose kubelet has been silent for {@code gracePeriod} (kube-controller-manager's
 *       {@code --node-monitor-grace-period}, 40 s by default) gets its Ready condition set to
 *       {@code Unknown} (reason {@code NodeStatusUnknown}, "Kubelet stopped posting node status."),
 *       the taints {@code node.kubernetes.io/unreachable:NoSchedule} and {@code :NoExecute} with
 *       their {@code timeAdded}, and its pods' Ready condition set to False.</li>
 *   <li>The taint-eviction part is the fake StatefulSet controller's: each pod is deleted once its
 *       tolerationSeconds for the unreachable taint are up. It gets a deletionTimestamp and, with
 *       no kubelet to confirm it stopped, stays Terminating; the StatefulSet controller does not
 *       create a replacement while a pod of that name exists.</li>
 *   <li>A pod on a stopped node deleted with grace period 0 (the operator's {@code kubectl delete
 *       --grace-period=0 --force}) is removed at once, Terminating or not: the request is answered
 *       by an expectation, which reads the DeleteOptions the CRUD mock ignores. The StatefulSet then
 *       creates the replacement, Pending and not Ready.</li>
 *   <li>A node whose kubelet runs again is Ready again and loses both unreachable taints; its
 *       kubelet finishes the pods marked for deletion.</li>
 * </ul>
 * Not modelled: the not-ready taint (a kubelet that posts NotReady), a node deleted from the API
 * (which also frees its pods), zone-wide eviction rate limits and the unhealthy-zone logic, node
 * leases (the grace period runs from the kubelet's stop, not from its last lease renewal), and the
 * kubelet's own clean-up of containers whose pods were force-deleted while it was gone.
 */
final class FakeNodeLifecycleController implements AutoCloseable {

    static final String UNREACHABLE = "node.kubernetes.io/unreachable";

    private final KubernetesClient client;
    private final KubernetesMockServer server;
    private final FakeStatefulSetController cluster;
    private final Duration gracePeriod;
    /** Pods (by uid) whose DELETE is answered by this fake, and those force-deleted through it. */
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private final Set<String> forceDeleted = ConcurrentHashMap.newKeySet();
    private final Set<String> gracefullyDeleted = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-node-lifecycle");
        t.setDaemon(true);
        return t;
    });

    FakeNodeLifecycleController(KubernetesClient client, KubernetesMockServer server, FakeStatefulSetController cluster,
                                Duration gracePeriod) {
        this.client = client;
        this.server = server;
        this.cluster = cluster;
        this.gracePeriod = gracePeriod;
        loop.scheduleWithFixedDelay(this::round, 0, 50, TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            for (Node node : client.nodes().list().getItems()) {
                guarded(() -> monitor(node));
            }
            for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
                guarded(() -> forceDeletion(pod));
            }
        } catch (RuntimeException e) {
            // the server is shutting down: the next round tries again
        }
    }

    private static void guarded(Runnable step) {
        try {
            step.run();
        } catch (KubernetesClientException e) {
            // changed or gone since listed: the next round sees it as it is
        }
    }

    private void monitor(Node node) {
        String name = node.getMetadata().getName();
        boolean ready = ready(node);
        Instant stopped = cluster.kubeletStoppedSince(name).orElse(null);
        if (stopped != null && ready && !Instant.now().isBefore(stopped.plus(gracePeriod))) {
            String now = Instant.now().toString();
            client.nodes().withName(name).edit(n -> {
                setReady(n, "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.");
                List<Taint> taints = new ArrayList<>(n.getSpec().getTaints() == null ? List.of() : n.getSpec().getTaints());
                taints.add(new TaintBuilder().withKey(UNREACHABLE).withEffect("NoSchedule").withTimeAdded(now).build());
                taints.add(new TaintBuilder().withKey(UNREACHABLE).withEffect("NoExecute").withTimeAdded(now).build());
                n.getSpec().setTaints(taints);
                return n;
            });
            for (Pod pod : podsOn(name)) {
                client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).edit(p -> {
                    p.getStatus().getConditions().removeIf(c -> "Ready".equals(c.getType()));
                    p.getStatus().getConditions().add(new PodConditionBuilder().withType("Ready").withStatus("False").build());
                    return p;
                });
            }
        } else if (stopped == null && !ready) {
            client.nodes().withName(name).edit(n -> {
                setReady(n, "True", "KubeletReady", "kubelet is posting ready status");
                if (n.getSpec().getTaints() != null) {
                    n.getSpec().getTaints().removeIf(t -> UNREACHABLE.equals(t.getKey()));
                }
                return n;
            });
        }
    }

    /** Answers the next DELETE of each pod on a stopped node, to see its grace period. */
    private void forceDeletion(Pod pod) {
        String uid = pod.getMetadata().getUid();
        String node = pod.getSpec().getNodeName();
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        if (forceDeleted.remove(uid)) {
            client.pods().inNamespace(ns).withName(name).edit(p -> {
                p.getMetadata().getFinalizers().remove(FakeStatefulSetController.KUBELET_FINALIZER);
                return p;
            });
            if (client.pods().inNamespace(ns).withName(name).get() != null) {
                client.pods().inNamespace(ns).withName(name).delete();
            }
            return;
        }
        if (gracefullyDeleted.remove(uid)) {
            // what the API server does with it: a deletionTimestamp (the CRUD mock, as no expectation is out now)
            client.pods().inNamespace(ns).withName(name).delete();
            answered.remove(uid);
            return;
        }
        if (node == null || cluster.kubeletStoppedSince(node).isEmpty() || !answered.add(uid)) {
            return;
        }
        Pod asListed = pod;
        server.expect().delete().withPath("/api/v1/namespaces/" + ns + "/pods/" + name).andReply(200, request -> {
            String body = request.getUtf8Body();
            if (body != null && body.replace(" ", "").contains("\"gracePeriodSeconds\":0")) {
                forceDeleted.add(uid);
            } else {
                gracefullyDeleted.add(uid); // played by the next round
            }
            return asListed; // not asked of the server from inside its own dispatcher
        }).once();
    }

    private List<Pod> podsOn(String node) {
        return client.pods().inAnyNamespace().list().getItems().stream()
                .filter(p -> node.equals(p.getSpec().getNodeName())).toList();
    }

    private static boolean ready(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static void setReady(Node node, String status, String reason, String message) {
        List<NodeCondition> conditions = new ArrayList<>(node.getStatus().getConditions());
        conditions.removeIf(c -> "Ready".equals(c.getType()));
        conditions.add(new NodeConditionBuilder().withType("Ready").withStatus(status).withReason(reason)
                .withMessage(message).withLastTransitionTime(Instant.now().toString()).build());
        node.getStatus().setConditions(conditions);
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
