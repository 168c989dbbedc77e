package dev.quorumchaos.fault.nodeloss;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.fault.node.NodeAnnotations;
import dev.quorumchaos.fault.node.NodeEdits;
import dev.quorumchaos.fault.node.NodeFault;
import dev.quorumchaos.history.History;
import io.fabric8.kubernetes.api.model.Pod;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;

/**
 * The node hosting a member is lost: its kubelet stops ({@link Kubelets}), so the node stops
 * reporting and nothing on it is managed any more. Before that, how it was stopped is written on
 * the Node ({@link NodeAnnotations#KUBELET_STOPPED}), so a later run can start it again after a
 * crash. While the node is lost, {@link NodeLossWatch} says and records what Kubernetes does.
 * Optionally, after a while, the operator's manual remedy: the run's pods still bound to the node
 * are force-deleted (grace period 0), which lets the StatefulSet create their replacements at once,
 * at the risk of two pods with one identity if the node was only cut off.
 *
 * <p>Recovery starts the kubelet again and waits until the node is Ready; a node not Ready by then
 * is a fault not recovered. It then waits a little for the node controller to remove its taint
 * and for the kubelet to finish the pods marked for deletion, and says what it saw.
 */
public final class NodeLoss extends NodeFault {

    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration NODE_BACK_TIMEOUT = Duration.ofMinutes(3);
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

    private final LosableNodes cluster;
    private final Kubelets kubelets;
    private final History history;
    private final Consumer<String> say;
    private final Duration poll;
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService watching;
    private NodeLossWatch watch;
    private Instant lostAt;
    private Duration forceDeleteAfter;
    private Reactions reactions;

    /**
     * @param forceDeleteAfter when, after the node was lost, the run's pods still on it are
     *                         force-deleted; null for never
     */
    public NodeLoss(LosableNodes cluster, Kubelets kubelets, History history, Consumer<String> say, String node,
                    int member, Duration forceDeleteAfter, Duration poll) {
        super(cluster.client(), node, member, "lose node " + node + " (hosting member " + member + ")");
        this.cluster = cluster;
        this.kubelets = kubelets;
        this.history = history;
        this.say = say;
        this.forceDeleteAfter = forceDeleteAfter;
        this.poll = poll;
    }

    @Override
    public String kind() {
        return "node-loss";
    }

    @Override
    public synchronized void apply() {
        NodeEdits.edit(client, node, n -> {
            NodeEdits.annotations(n).put(NodeAnnotations.KUBELET_STOPPED, kubelets.how());
            NodeEdits.markChangedBy(n, cluster.runId());
            return n;
        }).orElseThrow(() -> new ChaosException("cannot lose node " + node + ": it does not exist"));
        say.accept("stopping the kubelet of node " + node + " (" + kubelets.how() + "): the node stops reporting, and"
                + " its pods are managed by nobody until it comes back");
        kubelets.stop(node);
        lostAt = Instant.now();
        Reactions reactions = new Reactions(history, "lost-" + node + "-" + history.now() / 1_000_000, members());
        this.reactions = reactions;
        watch = new NodeLossWatch(cluster, node, reactions, say, lostAt);
        // the member is away from now: until its node is back, or a replacement serves elsewhere
        reactions.open("away", "member-away", "member " + members().get(0) + " (" + cluster.podName(members().get(0))
                + ") away: its node " + node + " is lost");
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "node-loss-watch");
            t.setDaemon(true);
            return t;
        });
        // a force deletion not yet due when the node comes back is not made
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        watching = executor;
        watching.scheduleWithFixedDelay(() -> guarded("watching node " + node, watch::poll), 0, poll.toMillis(),
                TimeUnit.MILLISECONDS);
        if (forceDeleteAfter != null) {
            scheduleForceDelete(reactions);
        }
    }

    /**
     * The operator's remedy for pods stuck on the lost node, {@code after} the node was lost: each
     * pod of the run still bound to it is deleted with grace period 0, as {@code kubectl delete pod
     * --grace-period=0 --force} does.
     */
    public synchronized void forceDeleteAfter(Duration after) {
        if (forceDeleteAfter != null) {
            throw ChaosException.badInput("the pods on node " + node + " are already to be force-deleted after "
                    + forceDeleteAfter.toSeconds() + " s");
        }
        forceDeleteAfter = after;
        if (watching != null) {
            scheduleForceDelete(reactions);
        }
    }

    private void scheduleForceDelete(Reactions reactions) {
        long delay = Math.max(0, Duration.between(Instant.now(), lostAt.plus(forceDeleteAfter)).toMillis());
        watching.schedule(() -> guarded("force-deleting the pods on node " + node, () -> forceDelete(reactions)),
                delay, TimeUnit.MILLISECONDS);
    }

    private void forceDelete(Reactions reactions) {
        List<Pod> stuck = watch.podsStillOnNode();
        if (stuck.isEmpty()) {
            say.accept("no pod of the run is left on node " + node + " to force-delete");
            return;
        }
        for (Pod pod : stuck) {
            String name = pod.getMetadata().getName();
            say.accept("WARNING: force-deleting pod " + name + " on lost node " + node + " (grace period 0), as an"
                    + " operator would: the StatefulSet creates a new " + name + " at once; if node " + node
                    + " is only cut off and not down, the old " + name + " still runs there, and two pods share one"
                    + " identity (and its volume's name) until the kubelet comes back");
            watch.milestone(name + " force-deleted");
            reactions.open("force-delete/" + name, "force-delete", "force-delete pod " + name + " on lost node " + node
                    + " (grace period 0): two pods with one identity if the node was only cut off");
            cluster.client().pods().inNamespace(cluster.namespace()).withName(name).withGracePeriod(0).delete();
        }
    }

    /** A background step that fails is said now and thrown when the fault recovers: never swallowed. */
    private void guarded(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            String failure = what + " failed: " + e.getMessage();
            if (!failures.contains(failure)) {
                failures.add(failure);
                say.accept("node loss: " + failure);
            }
        }
    }

    @Override
    public synchronized void recover() {
        try {
            kubelets.start(node);
        } catch (RuntimeException e) {
            stopWatching("its kubelet could not be started again: " + e.getMessage());
            throw e;
        }
        try {
            if (watch != null) {
                say.accept("node " + node + "'s kubelet started again " + watch.since() + " after it was lost; waiting"
                        + " for the node to be Ready");
                // a look that fails once (the API server busy) is tried again at the next poll
                await("node " + node + " Ready again").atMost(NODE_BACK_TIMEOUT).pollInterval(poll).ignoreExceptions()
                        .until(() -> {
                            watch.poll();
                            return watch.nodeReady();
                        });
                try {
                    await("node " + node + " settled").atMost(SETTLE_TIMEOUT).pollInterval(poll).ignoreExceptions()
                            .until(() -> {
                                watch.poll();
                                return watch.settled();
                            });
                } catch (ConditionTimeoutException e) {
                    say.accept("node " + node + " is Ready, but " + SETTLE_TIMEOUT.toSeconds() + " s later still holds the"
                            + " unreachable taint or a Terminating pod of the run");
                }
            }
        } catch (ConditionTimeoutException e) {
            stopWatching("not Ready " + NODE_BACK_TIMEOUT.toMinutes() + " min after its kubelet was started again");
            throw new ChaosException("node " + node + " not Ready " + NODE_BACK_TIMEOUT.toMinutes()
                    + " min after its kubelet was started again (" + kubelets.how() + ")", e);
        }
        stopWatching(null);
        NodeEdits.restore(client, node, NodeAnnotations.KUBELET_STOPPED, (n, how) -> { });
        if (!failures.isEmpty()) {
            throw new ChaosException(String.join("; ", failures));
        }
    }

    /** @param trouble why the node is not back, or null when it is */
    private void stopWatching(String trouble) {
        if (watch != null && reactions != null && reactions.isOpen("away")) {
            String account = "node " + node + (trouble == null ? " back " : " " + trouble + ", ") + watch.since()
                    + " after it was lost: " + watch.account();
            say.accept("member " + members().get(0) + " was away while " + account);
            reactions.close("away", account);
        }
        if (watching != null) {
            // not interrupted: a look cut off half-way would read as a failure of the watch
            watching.shutdown();
            try {
                if (!watching.awaitTermination(10, TimeUnit.SECONDS)) {
                    watching.shutdownNow();
                }
            } catch (InterruptedException e) {
                watching.shutdownNow();
                Thread.currentThread().interrupt();
            }
            watching = null;
        }
        if (reactions != null) {
            reactions.closeAll(trouble == null ? "node " + node + " back" : "node " + node + " " + trouble);
        }
    }

    /** Whether pods are to be force-deleted; for the step that asks for it after the loss. */
    public synchronized boolean forceDeletes() {
        return forceDeleteAfter != null;
    }
}
