package dev.quorumchaos.fault.node;

import dev.quorumchaos.ChaosException;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.awaitility.core.ConditionTimeoutException;

import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/**
 * Drains the node hosting a member the way {@code kubectl drain --ignore-daemonsets} does:
 * <ul>
 *   <li>it refuses, before changing anything, when the node runs a pod that declares no
 *       controller (unless {@code --force}) or one with emptyDir data (unless
 *       {@code --delete-emptydir-data}), naming them as kubectl does;</li>
 *   <li>it cordons the node, then evicts every pod on it through the Eviction API, never deleting,
 *       so that disruption budgets are honoured; DaemonSet and mirror pods stay;</li>
 *   <li>a refusal by a budget (HTTP 429) is retried with a backoff (doubling up to kubectl's
 *       5 s) until the timeout, and recorded each time: a budget holding the drain back is
 *       evidence, not an error; a 5xx is retried the same way; any other error fails the drain;</li>
 *   <li>it waits until every evicted pod is gone (no pod of that name, or one with another uid),
 *       as kubectl does before it reports the node drained.</li>
 * </ul>
 * Recovery uncordons; evicted pods are recreated by their controllers.
 */
public final class DrainNode extends NodeFault {

    /** kubectl waits 5 s after every refusal; the harness starts sooner and backs off to that. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final CordonNode cordon;
    private final DrainOptions options;
    private final Duration retryInterval;
    private final EvictionLog log;
    private final List<EvictionAttempt> attempts = new CopyOnWriteArrayList<>();
    private final Map<String, Pending> remaining = new LinkedHashMap<>();
    private final Map<String, Pod> leaving = new LinkedHashMap<>();
    private EvictionAttempt rejected;

    /** A pod still to evict, and when to try next. */
    private static final class Pending {
        final Pod pod;
        Instant next = Instant.MIN;
        Duration backoff;
        EvictionAttempt last;

        Pending(Pod pod, Duration backoff) {
            this.pod = pod;
            this.backoff = backoff;
        }
    }

    public DrainNode(KubernetesClient client, String node, int member, String runId, DrainOptions options,
                     Duration retryInterval, EvictionLog log, String description) {
        super(client, node, member, description);
        this.cordon = new CordonNode(client, node, member, runId, description);
        this.options = options;
        this.retryInterval = retryInterval;
        this.log = log;
    }

    @Override
    public String kind() {
        return "node-drain";
    }

    /** Every eviction attempt so far, in order. */
    public List<EvictionAttempt> attempts() {
        return List.copyOf(attempts);
    }

    /** Pods whose eviction was never accepted by the time the drain ended ({@code namespace/name}). */
    public synchronized List<String> heldBack() {
        return List.copyOf(remaining.keySet());
    }

    /** Pods evicted that were still terminating when the drain ended. */
    public synchronized List<String> stillTerminating() {
        return List.copyOf(leaving.keySet());
    }

    @Override
    public void apply() {
        List<Pod> pods = podsToEvict();
        cordon.apply();
        synchronized (this) {
            remaining.clear();
            leaving.clear();
            rejected = null;
            for (Pod pod : pods) {
                if (pod.getMetadata().getDeletionTimestamp() != null) {
                    leaving.put(key(pod), pod); // already leaving: only awaited, as kubectl does
                } else {
                    remaining.put(key(pod), new Pending(pod, retryInterval));
                }
            }
        }
        KubernetesClient evictions = withoutRetries(client);
        try {
            // in this thread: an eviction under way is never interrupted by the timeout, and so never
            // mistaken for a failed one
            await("drain of node " + node).atMost(options.timeout()).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval(retryInterval).until(() -> round(evictions));
        } catch (ConditionTimeoutException heldBackUntilTheTimeout) {
            // refusals and pods still terminating are the drain's evidence, recorded as attempts
        } finally {
            if (evictions != client) {
                evictions.close();
            }
        }
        if (rejected != null) {
            throw new ChaosException("drain of node " + node + " failed: eviction of " + rejected.namespace() + "/"
                    + rejected.pod() + " answered " + rejected.detail());
        }
        List<String> failed = failedPods();
        if (!failed.isEmpty()) {
            throw new ChaosException("drain of node " + node + " did not finish within " + options.timeout().toSeconds()
                    + " s: evictions failed for reasons other than the disruption budget: " + String.join("; ", failed));
        }
    }

    @Override
    public void recover() {
        cordon.recover();
    }

    /** Evicts the pods due for another try and forgets those gone; true when nothing is left. */
    private synchronized boolean round(KubernetesClient evictions) {
        Instant now = Instant.now();
        for (Pending pending : List.copyOf(remaining.values())) {
            if (pending.next.isAfter(now)) {
                continue;
            }
            EvictionAttempt attempt = evict(evictions, pending.pod);
            attempts.add(attempt);
            log.attempted(attempt);
            pending.last = attempt;
            switch (attempt.result()) {
                case EVICTED -> {
                    remaining.remove(key(pending.pod));
                    leaving.put(key(pending.pod), pending.pod);
                }
                case GONE -> remaining.remove(key(pending.pod));
                case REFUSED, FAILED -> {
                    pending.next = now.plus(pending.backoff);
                    pending.backoff = pending.backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                            ? MAX_BACKOFF : pending.backoff.multipliedBy(2);
                }
                case REJECTED -> {
                    rejected = attempt;
                    return true;
                }
            }
        }
        leaving.values().removeIf(this::gone);
        return remaining.isEmpty() && leaving.isEmpty();
    }

    private boolean gone(Pod pod) {
        Pod now = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).get();
        return now == null || !now.getMetadata().getUid().equals(pod.getMetadata().getUid());
    }

    private EvictionAttempt evict(KubernetesClient evictions, Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        // The uid precondition keeps a retry from evicting the pod's replacement of the same name.
        Eviction eviction = new EvictionBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withDeleteOptions(new DeleteOptionsBuilder()
                        .withNewPreconditions().withUid(pod.getMetadata().getUid()).endPreconditions().build())
                .build();
        try {
            boolean evicted = evictions.pods().inNamespace(namespace).withName(name).evict(eviction);
            return new EvictionAttempt(Instant.now(), namespace, name, node,
                    evicted ? EvictionAttempt.Result.EVICTED : EvictionAttempt.Result.REFUSED,
                    evicted ? null : "429: the disruption budget allows no more disruptions");
        } catch (KubernetesClientException e) {
            int code = e.getCode();
            // no HTTP answer at all (code -1 or 0: a connection failed) is as transient as a 5xx
            EvictionAttempt.Result result = code == HttpURLConnection.HTTP_NOT_FOUND || code == HttpURLConnection.HTTP_CONFLICT
                    ? EvictionAttempt.Result.GONE
                    : code >= 500 || code <= 0 ? EvictionAttempt.Result.FAILED : EvictionAttempt.Result.REJECTED;
            return new EvictionAttempt(Instant.now(), namespace, name, node, result, code + ": " + describe(e));
        }
    }

    /** fabric8's message for a failed call names the operation; the cause says what went wrong. */
    private static String describe(KubernetesClientException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getMessage() : e.getMessage() + " (" + root + ")";
    }

    /**
     * The pods kubectl drain would evict; fails, naming them, when one would make kubectl refuse.
     * Finished pods are evicted too, whatever they are.
     */
    private List<Pod> podsToEvict() {
        List<Pod> pods = new ArrayList<>();
        Map<String, List<String>> refusals = new TreeMap<>();
        for (Pod pod : client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems()) {
            if (!node.equals(pod.getSpec().getNodeName())) {
                continue;
            }
            refusal(pod, options).ifPresentOrElse(
                    why -> refusals.computeIfAbsent(why, w -> new ArrayList<>()).add(key(pod)),
                    () -> {
                        if (evictable(pod)) {
                            pods.add(pod);
                        }
                    });
        }
        if (!refusals.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            refusals.forEach((why, which) -> reasons.add(why + ": " + String.join(", ", which)));
            throw new ChaosException("refusing to drain node " + node + ", as kubectl drain would: "
                    + String.join("; ", reasons));
        }
        return pods;
    }

    /** kubectl drain's refusals, in its words, for pods it would not evict without a flag. */
    static Optional<String> refusal(Pod pod, DrainOptions options) {
        if (finished(pod) || daemonSet(pod) || mirror(pod)) {
            return Optional.empty();
        }
        boolean emptyDir = pod.getSpec().getVolumes() != null
                && pod.getSpec().getVolumes().stream().anyMatch(v -> v.getEmptyDir() != null);
        if (emptyDir && !options.deleteEmptyDirData()) {
            return Optional.of("cannot delete Pods with local storage (use --delete-emptydir-data to override)");
        }
        if (controller(pod).isEmpty() && !options.force()) {
            return Optional.of("cannot delete Pods that declare no controller (use --force to override)");
        }
        return Optional.empty();
    }

    /** What kubectl drain evicts: not mirror pods (the API cannot), not running DaemonSet pods. */
    static boolean evictable(Pod pod) {
        return !mirror(pod) && (finished(pod) || !daemonSet(pod));
    }

    private static Optional<OwnerReference> controller(Pod pod) {
        if (pod.getMetadata().getOwnerReferences() == null) {
            return Optional.empty();
        }
        return pod.getMetadata().getOwnerReferences().stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst();
    }

    private static boolean daemonSet(Pod pod) {
        return controller(pod).map(o -> "DaemonSet".equals(o.getKind())).orElse(false);
    }

    private static boolean mirror(Pod pod) {
        return pod.getMetadata().getAnnotations() != null
                && pod.getMetadata().getAnnotations().containsKey("kubernetes.io/config.mirror");
    }

    private static boolean finished(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private synchronized List<String> failedPods() {
        List<String> failed = new ArrayList<>();
        remaining.forEach((pod, pending) -> {
            if (pending.last != null && pending.last.result() == EvictionAttempt.Result.FAILED) {
                failed.add(pod + ": " + pending.last.detail());
            }
        });
        return failed;
    }

    /**
     * fabric8 retries 429 and 5xx answers by itself; a drain must see every refusal, so its
     * evictions go through a client that does not.
     */
    private static KubernetesClient withoutRetries(KubernetesClient client) {
        Integer limit = client.getConfiguration().getRequestRetryBackoffLimit();
        if (limit != null && limit == 0) {
            return client;
        }
        return new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build())
                .build();
    }

    private static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }
}
