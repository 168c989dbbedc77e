package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.fault.Fault;
import dev.quorumchaos.fault.partition.DirectedLink;
import dev.quorumchaos.fault.partition.PartitionShape;
import dev.quorumchaos.history.FaultEvent;
import io.fabric8.kubernetes.api.model.Pod;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Cuts or slows the links of a {@link PartitionShape} (the same shapes as on the local target)
 * inside the source pod's network namespace: for a link A→B, pod A's packets to B's IP are dropped
 * ({@link DropRules}) or delayed ({@link DelayRules}), by scripts run in the {@code chaos-net}
 * sidecar (NET_ADMIN). A one-way cut still stalls TCP both ways after a while, as A's
 * acknowledgements to B are dropped too.
 *
 * <p>Why a sidecar and not an ephemeral container: the image is pulled at deploy time, so
 * applying a cut is one exec of a few milliseconds inside the fault window, not an image pull;
 * failures (no NET_ADMIN, no iptables) show at the first cut with the tool's own message; and it
 * works on clusters where ephemeral containers are disabled. The cost is a privileged-ish
 * container in every member pod, declared in the manifest for all to see.
 *
 * <p>Members come and go while a fault holds. When a member's pod starts or gets another address,
 * every source with a link to it, and the member itself if it is a source, gets its rules set
 * again to the peers' addresses now: a new pod has a new namespace without rules, and a rule
 * naming a restarted peer's old address is removed (that address may go to another pod).
 * Re-applications and healing run one at a time; once healed, a re-application does nothing,
 * and one already sent to a pod finds the pod's healed marker (see {@link LinkRules}).
 */
public final class KubernetesPartition implements Fault {

    static final String CHAIN = DropRules.CHAIN;
    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(20);

    private final KubernetesEnsemble ensemble;
    private final PartitionShape shape;
    private final LinkRules rules;
    private final Set<DirectedLink> cuts;
    private final String tag;
    private boolean active;
    private final ExecutorService reapplier = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "partition-reapply");
        t.setDaemon(true);
        return t;
    });

    KubernetesPartition(KubernetesEnsemble ensemble, PartitionShape shape, LinkRules rules, String tag) {
        this.ensemble = ensemble;
        this.shape = shape;
        this.rules = rules;
        this.cuts = shape.cuts();
        this.tag = tag;
        ensemble.pods().onStart(this::memberMoved);
        ensemble.pods().onAddressChange(this::memberMoved);
    }

    @Override
    public Set<FaultEvent.Link> cuts() {
        Set<FaultEvent.Link> links = new HashSet<>();
        cuts.forEach(l -> links.add(new FaultEvent.Link(l.from(), l.to())));
        return links;
    }

    /** As on the local target: a partition, whether its links are cut or slowed. */
    @Override
    public String kind() {
        return "partition";
    }

    @Override
    public String description() {
        return rules instanceof DropRules ? shape.description() : shape.description() + " (links " + rules.what() + ")";
    }

    @Override
    public List<Integer> members() {
        return shape.targets();
    }

    public PartitionShape shape() {
        return shape;
    }

    @Override
    public synchronized void apply() {
        active = true;
        for (int source : sources()) {
            setFrom(source);
        }
    }

    /** Heals every source; waits for a re-application in progress, and none runs after. */
    @Override
    public synchronized void recover() {
        active = false;
        reapplier.shutdownNow();
        List<String> failures = new ArrayList<>();
        for (int source : sources()) {
            try {
                healFrom(source);
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new ChaosException("links of '" + shape.description() + "' not healed: " + String.join("; ", failures));
        }
    }

    private Set<Integer> sources() {
        Set<Integer> sources = new TreeSet<>();
        cuts.forEach(l -> sources.add(l.from()));
        return sources;
    }

    /** Sets the rules of {@code source} to the peers it is cut from that have an address now. */
    private void setFrom(int source) {
        Pod pod = ensemble.pods().pod(source).orElse(null);
        if (pod == null || !helperRunning(pod)) {
            return; // down: its next pod gets the rules when it starts
        }
        List<String> ips = new ArrayList<>();
        for (DirectedLink link : cuts) {
            if (link.from() == source) {
                ensemble.pods().podIp(link.to()).ifPresent(ips::add);
            }
        }
        ips.sort(null);
        PodExec.Result result = PodExec.sh(ensemble.client(), ensemble.namespace(), pod.getMetadata().getName(),
                EnsembleLayout.HELPER, rules.applyScript(tag, ips), EXEC_TIMEOUT);
        if (!result.ok()) {
            throw new ChaosException("cannot " + rules.what() + " the links from member " + source + " ("
                    + pod.getMetadata().getName() + "): the script exited " + result.exitCode() + ": " + result.stderr().trim());
        }
    }

    private void healFrom(int source) {
        Pod pod = ensemble.pods().pod(source).orElse(null);
        if (pod == null || !helperRunning(pod)) {
            return; // its network namespace, and the rules in it, went with the pod
        }
        PodExec.Result result = PodExec.sh(ensemble.client(), ensemble.namespace(), pod.getMetadata().getName(),
                EnsembleLayout.HELPER, rules.healScript(tag), EXEC_TIMEOUT);
        if (!result.ok()) {
            throw new ChaosException("member " + source + " (" + pod.getMetadata().getName() + "): the heal script exited "
                    + result.exitCode() + ": " + result.stderr().trim());
        }
    }

    /** Called on the informer's thread: the work goes to the re-applier, which must not stop the informer. */
    private void memberMoved(int ordinal) {
        for (int source : sources()) {
            if (source == ordinal || cuts.contains(new DirectedLink(source, ordinal))) {
                try {
                    reapplier.execute(() -> reapply(source));
                } catch (java.util.concurrent.RejectedExecutionException healed) {
                    return;
                }
            }
        }
    }

    private synchronized void reapply(int source) {
        if (!active) {
            return;
        }
        try {
            setFrom(source);
        } catch (RuntimeException e) {
            System.err.println("chaos: re-applying '" + shape.description() + "' to member " + source + " failed: "
                    + e.getMessage());
        }
    }

    private static boolean helperRunning(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getContainerStatuses() != null && pod.getStatus().getContainerStatuses().stream()
                .anyMatch(s -> EnsembleLayout.HELPER.equals(s.getName()) && s.getState() != null
                        && s.getState().getRunning() != null);
    }

    /** The script that cuts the links to {@code ips}, as the sidecar runs it. */
    static String cutScript(String tag, List<String> ips) {
        return new DropRules().applyScript(tag, ips);
    }

    static String healScript(String tag) {
        return new DropRules().healScript(tag);
    }
}
