package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.Resize;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/**
 * Grows and shrinks a {@link KubernetesEnsemble} by scaling its StatefulSet around the service's
 * own membership change ({@link MemberReconfig}).
 *
 * <p>Grow (the ensemble has made room for the new pod first: k3s starts a node): the service
 * learns of the member first where it must (etcd's learner), then the
 * StatefulSet goes to {@code n + 1} replicas and its controller creates pod {@code n} (with a new
 * claim: one left from an earlier member is deleted first, so the member starts empty); once the
 * pod runs, the service makes it a voter, and the grow returns when the pod is Ready (its
 * readiness probe: it serves). A pod the scheduler cannot place fails the grow with the
 * scheduler's reason, and what was done is undone (replicas back, learner removed).
 *
 * <p>Shrink: the service takes member {@code n - 1} out first, through the members that stay;
 * then the observer and the disruption budget stop counting it, the StatefulSet goes to
 * {@code n - 1} replicas (the controller deletes the highest ordinal, gracefully), and once the
 * pod is gone its claim is deleted, so a later grow starts that member clean. The manifests also
 * ask for that ({@code persistentVolumeClaimRetentionPolicy.whenScaled: Delete}), but only
 * clusters with the StatefulSetAutoDeletePVC feature (beta, on by default, from 1.27) honour it.
 */
final class KubernetesResize {

    /** A new pod may need a new node's image pull and a volume provisioned: minutes, not seconds. */
    static final Duration JOIN_TIMEOUT = Duration.ofMinutes(3);
    /** Unschedulable this long means the cluster cannot host one more member; the scheduler retries when nodes change. */
    static final Duration UNSCHEDULABLE_GRACE = Duration.ofSeconds(60);
    private static final Duration GONE_AFTER_GRACE = Duration.ofSeconds(60);

    private final KubernetesEnsemble ensemble;
    private final KubernetesClient client;
    private final EnsembleLayout layout;
    private final MemberReconfig reconfig;
    private final Duration joinTimeout;
    private final Duration unschedulableGrace;

    KubernetesResize(KubernetesEnsemble ensemble, KubernetesClient client, EnsembleLayout layout, MemberReconfig reconfig,
                     Duration joinTimeout, Duration unschedulableGrace) {
        this.ensemble = ensemble;
        this.client = client;
        this.layout = layout;
        this.reconfig = reconfig;
        this.joinTimeout = joinTimeout;
        this.unschedulableGrace = unschedulableGrace;
    }

    Resize grow() {
        int ordinal = ensemble.size(); // below EnsembleSpec.MAX_SIZE: the ensemble refused before asking for a node
        String pod = layout.pod(ordinal);
        MemberReconfig.Members current = ensemble.reachable(ordinal);
        deleteClaim(ordinal); // a claim a failed shrink left would bring back an old member's data
        String before = reconfig.beforeStart(current, ordinal);
        scale(ordinal + 1);
        try {
            awaitRunning(ordinal);
            ensemble.openTunnel(ordinal);
        } catch (RuntimeException e) {
            undoGrow(current, ordinal, e);
            throw e;
        }
        String joined = reconfig.join(current, ordinal);
        String detail = (before.isEmpty() ? "" : before + ", then ") + joined;
        try {
            await(pod + " Ready").atMost(joinTimeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> ensemble.pods().ready(ordinal));
        } catch (ConditionTimeoutException e) {
            ensemble.counted(ordinal + 1, detail + "; its pod is not Ready"); // a voter now, serving or not
            throw new ChaosException("member " + ordinal + " (" + pod + ") joined (" + detail + ") but its pod is not Ready "
                    + joinTimeout.toSeconds() + " s later: " + ensemble.whyUnavailable(ordinal).orElse("Ready now"));
        }
        ensemble.counted(ordinal + 1, detail);
        return new Resize(ordinal, true, false, detail);
    }

    /** The pod never ran: replicas back to what they were, the service told, the claim it may have got deleted. */
    private void undoGrow(MemberReconfig.Members current, int ordinal, RuntimeException cause) {
        try {
            scale(ordinal);
            reconfig.abandon(current, ordinal);
            ensemble.forget(ordinal);
            awaitPodGone(ordinal, Duration.ofSeconds(30).plus(GONE_AFTER_GRACE));
            deleteClaim(ordinal);
        } catch (RuntimeException undo) {
            cause.addSuppressed(undo);
        }
    }

    Resize shrink() {
        int ordinal = ensemble.size() - 1;
        if (ordinal < 1) {
            throw ChaosException.badInput("cannot shrink a 1-member ensemble: it would have no member left");
        }
        boolean wasLeader = ensemble.refresh().leader().orElse(-1) == ordinal;
        String removed = reconfig.remove(ensemble.reachable(ordinal), ordinal);
        String detail = removed + (wasLeader ? "; it led, so the remaining members have another leader" : "");
        ensemble.counted(ordinal, detail);
        long grace = ensemble.pods().pod(ordinal).map(p -> p.getSpec().getTerminationGracePeriodSeconds())
                .orElse(30L);
        scale(ordinal);
        awaitPodGone(ordinal, Duration.ofSeconds(grace).plus(GONE_AFTER_GRACE));
        ensemble.forget(ordinal);
        deleteClaim(ordinal);
        return new Resize(ordinal, false, wasLeader, detail);
    }

    /** Sets spec.replicas, as {@code kubectl scale} does; the controller creates or deletes the highest ordinals. */
    private void scale(int replicas) {
        client.apps().statefulSets().inNamespace(layout.namespace()).withName(layout.statefulSet()).edit(set -> {
            set.getSpec().setReplicas(replicas);
            return set;
        });
    }

    /** Until the new pod runs; an Unschedulable pod for {@link #unschedulableGrace} fails with the scheduler's reason. */
    private void awaitRunning(int ordinal) {
        String pod = layout.pod(ordinal);
        Instant[] unschedulableSince = new Instant[1];
        try {
            await(pod + " running").atMost(joinTimeout).pollInterval(Duration.ofMillis(100)).until(() -> {
                Optional<Pod> now = ensemble.pods().pod(ordinal);
                if (now.map(MemberPods::running).orElse(false)) {
                    return true;
                }
                if (now.filter(KubernetesResize::unschedulable).isPresent()) {
                    unschedulableSince[0] = unschedulableSince[0] == null ? Instant.now() : unschedulableSince[0];
                    if (Duration.between(unschedulableSince[0], Instant.now()).compareTo(unschedulableGrace) >= 0) {
                        throw new ChaosException("cannot grow to " + (ordinal + 1) + " members: " + pod + " cannot be "
                                + "scheduled (" + unschedulableGrace.toSeconds() + " s): " + ensemble.whyUnavailable(ordinal)
                                .orElse("") + " (one member per node needs a schedulable node for the new member: add a"
                                + " node, or relax the anti-affinity)");
                    }
                } else {
                    unschedulableSince[0] = null;
                }
                return false;
            });
        } catch (ConditionTimeoutException e) {
            throw new ChaosException("cannot grow to " + (ordinal + 1) + " members: " + pod + " does not run "
                    + joinTimeout.toSeconds() + " s after the StatefulSet was scaled: "
                    + ensemble.whyUnavailable(ordinal).orElse("running now"));
        }
    }

    private static boolean unschedulable(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(KubernetesResize::unschedulable);
    }

    private static boolean unschedulable(PodCondition c) {
        return "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason());
    }

    private void awaitPodGone(int ordinal, Duration timeout) {
        String pod = layout.pod(ordinal);
        try {
            await(pod + " gone").atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> client.pods().inNamespace(layout.namespace()).withName(pod).get() == null);
        } catch (ConditionTimeoutException e) {
            throw new ChaosException("the StatefulSet was scaled to " + ordinal + " but " + pod + " is still there "
                    + timeout.toSeconds() + " s later: " + ensemble.pods().describe(ordinal));
        }
    }

    /** Deletes the member's claim and waits until it is gone (it stays Terminating while a pod uses it). */
    private void deleteClaim(int ordinal) {
        String claim = layout.claim(ordinal);
        PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(layout.namespace()).withName(claim).get();
        if (pvc == null) {
            return;
        }
        client.persistentVolumeClaims().inNamespace(layout.namespace()).withName(claim).delete();
        String uid = pvc.getMetadata().getUid();
        try {
            await("claim " + claim + " deleted").atMost(GONE_AFTER_GRACE).pollInterval(Duration.ofMillis(100)).until(() -> {
                PersistentVolumeClaim now = client.persistentVolumeClaims().inNamespace(layout.namespace()).withName(claim).get();
                return now == null || !now.getMetadata().getUid().equals(uid);
            });
        } catch (ConditionTimeoutException e) {
            throw new ChaosException("claim " + claim + " of member " + ordinal + " is not deleted "
                    + GONE_AFTER_GRACE.toSeconds() + " s after it was asked: a pod may still use it");
        }
    }
}
