package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.check.budget.BudgetLimit;
import dev.quorumchaos.check.budget.BudgetObservations;
import dev.quorumchaos.check.budget.BudgetStatus;
import dev.quorumchaos.check.budget.UnreadyPods;
import dev.quorumchaos.fault.node.EvictionAttempt;
import dev.quorumchaos.fault.node.EvictionLog;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;

/**
 * Watches an ensemble's disruption budget over a scenario: which members are Ready at every
 * change (an informer on their pods), the PodDisruptionBudget's maxUnavailable and status as
 * the disruption controller publishes it, and every eviction a drain attempts. Its observations
 * feed {@link dev.quorumchaos.check.budget.PdbChecks}, which count from the moment every member
 * was first Ready: pods start not Ready, and a member that has not served yet was not disrupted.
 */
public final class PdbMonitor implements EvictionLog, AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final String pdb;
    private final Map<String, String> selector;
    private List<String> memberPods;
    private final List<BudgetLimit> limits = new ArrayList<>();
    private Instant countedFrom;
    private final Map<String, Pod> pods = new HashMap<>();
    private final List<UnreadyPods> samples = new ArrayList<>();
    private final List<BudgetStatus> statuses = new ArrayList<>();
    private final List<EvictionAttempt> evictions = new ArrayList<>();
    private boolean synced;
    private final List<SharedIndexInformer<?>> informers = new CopyOnWriteArrayList<>();

    /**
     * @param memberPods the members' pod names; a member without a Ready pod is unavailable
     */
    public PdbMonitor(KubernetesClient client, String namespace, String pdb, Map<String, String> selector,
                      List<String> memberPods, int maxUnavailable) {
        this.client = client;
        this.namespace = namespace;
        this.pdb = pdb;
        this.selector = Map.copyOf(selector);
        this.memberPods = List.copyOf(memberPods);
        this.limits.add(new BudgetLimit(Instant.now(), maxUnavailable));
    }

    /**
     * Samples only once the pod informer has listed every pod: before that, members not yet
     * listed would be counted unavailable. Not synchronized, as the first list's events take
     * this monitor's lock.
     */
    public void start() {
        SharedIndexInformer<Pod> pods = client.pods().inNamespace(namespace).withLabels(selector)
                .inform(handler(this::podChanged, this::podGone));
        informers.add(pods);
        informers.add(client.policy().v1().podDisruptionBudget().inNamespace(namespace).withName(pdb)
                .inform(handler(this::budgetChanged, b -> { })));
        await("pods of " + namespace + " listed").atMost(Duration.ofSeconds(30)).until(pods::hasSynced);
        synchronized (this) {
            synced = true;
            sample();
        }
    }

    private static <T> ResourceEventHandler<T> handler(Consumer<T> changed, Consumer<T> gone) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                changed.accept(object);
            }

            @Override
            public void onUpdate(T before, T object) {
                changed.accept(object);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                gone.accept(object);
            }
        };
    }

    private synchronized void podChanged(Pod pod) {
        pods.put(pod.getMetadata().getName(), pod);
        sample();
    }

    private synchronized void podGone(Pod pod) {
        Pod current = pods.get(pod.getMetadata().getName());
        if (current != null && Objects.equals(current.getMetadata().getUid(), pod.getMetadata().getUid())) {
            pods.remove(pod.getMetadata().getName());
        }
        sample();
    }

    /** Appends a sample when the set of unavailable members changed. */
    private void sample() {
        if (!synced) {
            return;
        }
        List<String> unavailable = memberPods.stream()
                .filter(name -> pods.get(name) == null || !MemberPods.ready(pods.get(name)))
                .toList();
        if (samples.isEmpty() || !samples.get(samples.size() - 1).pods().equals(unavailable)) {
            UnreadyPods sample = new UnreadyPods(Instant.now(), unavailable);
            samples.add(sample);
            if (countedFrom == null && unavailable.isEmpty()) {
                countedFrom = sample.at();
            }
        }
    }

    /**
     * The members changed (a grow or shrink): from now on these pods count. A joining member is
     * added once it serves and a leaving one removed before its pod goes, so neither counts as
     * a disruption.
     */
    public synchronized void members(List<String> pods) {
        memberPods = List.copyOf(pods);
        sample();
    }

    /** Whether every member has been Ready at once, so that disruptions count from now on. */
    public synchronized boolean counting() {
        return countedFrom != null;
    }

    private synchronized void budgetChanged(PodDisruptionBudget budget) {
        int limit = maxUnavailable(budget);
        if (limits.get(limits.size() - 1).maxUnavailable() != limit) {
            limits.add(new BudgetLimit(Instant.now(), limit));
        }
        PodDisruptionBudgetStatus s = budget.getStatus();
        if (s == null) {
            return;
        }
        BudgetStatus status = new BudgetStatus(Instant.now(), orZero(s.getDisruptionsAllowed()), orZero(s.getCurrentHealthy()),
                orZero(s.getDesiredHealthy()), orZero(s.getExpectedPods()));
        BudgetStatus last = statuses.isEmpty() ? null : statuses.get(statuses.size() - 1);
        if (last == null || last.disruptionsAllowed() != status.disruptionsAllowed()
                || last.currentHealthy() != status.currentHealthy() || last.expectedPods() != status.expectedPods()) {
            statuses.add(status);
        }
    }

    /**
     * maxUnavailable as the disruption controller reads it: a count, a percentage of the members
     * rounded up, or what minAvailable leaves.
     */
    private int maxUnavailable(PodDisruptionBudget budget) {
        var spec = budget.getSpec();
        if (spec.getMaxUnavailable() != null) {
            return scaled(spec.getMaxUnavailable(), true);
        }
        if (spec.getMinAvailable() != null) {
            return Math.max(0, memberPods.size() - scaled(spec.getMinAvailable(), true));
        }
        return 0;
    }

    private int scaled(IntOrString value, boolean roundUp) {
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        double percent = Double.parseDouble(value.getStrVal().replace("%", "")) * memberPods.size() / 100;
        return (int) (roundUp ? Math.ceil(percent) : Math.floor(percent));
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    @Override
    public synchronized void attempted(EvictionAttempt attempt) {
        evictions.add(attempt);
    }

    public synchronized BudgetObservations observations() {
        return new BudgetObservations(namespace, pdb, memberPods.size(), limits, countedFrom, samples, statuses, evictions);
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
        informers.clear();
    }
}
