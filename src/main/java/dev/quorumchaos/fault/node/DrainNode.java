package dev.quorumchaos.fault.node;

import dev.quorumchaos.ChaosException;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
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
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/**
 * Drains the node hosting a member the way {@code kubectl drain} does: cordon it, then evict
 * every pod on it through the Eviction API, never deleting, so that disruption budgets are
 * honoured. A refusal (HTTP 429) is retried until the deadline and recorded each time: a budget
 * holding the drain back is evidence, not an error. DaemonSet and mirror pods stay, as with
 * kubectl. Recovery uncordons; evicted pods are recreated by their controllers.
 */
public final class DrainNode extends NodeFault {

    private final CordonNode cordon;
    private final Duration deadline;
    private final Duration retryInterval;
    private final EvictionLog log;
    private final List<EvictionAttempt> attempts = new CopyOnWriteArrayList<>();
    private final Map<String, Pod> remaining = new LinkedHashMap<>();
    private final Map<String, EvictionAttempt> lastAttempt = new LinkedHashMap<>();

    public DrainNode(KubernetesClient client, String node, int member, String runId, Duration deadline,
                     Duration retryInterval, EvictionLog log, String description) {
        super(client, node, member, description);
        this.cordon = new CordonNode(client, node, member, runId, description);
        this.deadline = deadline;
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

    /** Pods still on the node when the drain ended ({@code namespace/name}). */
    public synchronized List<String> heldBack() {
        return List.copyOf(remaining.keySet());
    }

    @Override
    public void apply() {
        cordon.apply();
        synchronized (this) {
            remaining.clear();
            podsToEvict().forEach(p -> remaining.put(key(p), p));
        }
        KubernetesClient evictions = withoutRetries(client);
        try {
            await("drain of node " + node).atMost(deadline).pollDelay(Duration.ZERO).pollInterval(retryInterval)
                    .until(() -> evictRemaining(evictions));
        } catch (ConditionTimeoutException heldBackUntilDeadline) {
            // the budget refused some evictions until the deadline: recorded as attempts
        } finally {
            if (evictions != client) {
                evictions.close();
            }
        }
        List<String> failed = failedPods();
        if (!failed.isEmpty()) {
            throw new ChaosException("drain of node " + node + " did not finish within " + deadline.toSeconds()
                    + " s: evictions failed for reasons other than the disruption budget: " + String.join("; ", failed));
        }
    }

    @Override
    public void recover() {
        cordon.recover();
    }

    /** One round over the pods not yet evicted; true when none is left. */
    private synchronized boolean evictRemaining(KubernetesClient evictions) {
        for (Pod pod : List.copyOf(remaining.values())) {
            EvictionAttempt attempt = evict(evictions, pod);
            attempts.add(attempt);
            lastAttempt.put(key(pod), attempt);
            log.attempted(attempt);
            if (attempt.result() == EvictionAttempt.Result.EVICTED || attempt.result() == EvictionAttempt.Result.GONE) {
                remaining.remove(key(pod));
            }
        }
        return remaining.isEmpty();
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
            boolean gone = e.getCode() == HttpURLConnection.HTTP_NOT_FOUND || e.getCode() == HttpURLConnection.HTTP_CONFLICT;
            return new EvictionAttempt(Instant.now(), namespace, name, node,
                    gone ? EvictionAttempt.Result.GONE : EvictionAttempt.Result.FAILED,
                    e.getCode() + ": " + e.getMessage());
        }
    }

    private List<Pod> podsToEvict() {
        List<Pod> pods = new ArrayList<>();
        for (Pod pod : client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems()) {
            if (node.equals(pod.getSpec().getNodeName()) && evictable(pod)) {
                pods.add(pod);
            }
        }
        return pods;
    }

    /** What kubectl drain evicts: not DaemonSet pods, not mirror pods, not pods already finished or leaving. */
    static boolean evictable(Pod pod) {
        boolean daemonSet = pod.getMetadata().getOwnerReferences() != null && pod.getMetadata().getOwnerReferences()
                .stream().anyMatch(o -> "DaemonSet".equals(o.getKind()));
        boolean mirror = pod.getMetadata().getAnnotations() != null
                && pod.getMetadata().getAnnotations().containsKey("kubernetes.io/config.mirror");
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        boolean finished = "Succeeded".equals(phase) || "Failed".equals(phase);
        return !daemonSet && !mirror && !finished && pod.getMetadata().getDeletionTimestamp() == null;
    }

    private synchronized List<String> failedPods() {
        List<String> failed = new ArrayList<>();
        for (String pod : remaining.keySet()) {
            EvictionAttempt last = lastAttempt.get(pod);
            if (last != null && last.result() == EvictionAttempt.Result.FAILED) {
                failed.add(pod + ": " + last.detail());
            }
        }
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
