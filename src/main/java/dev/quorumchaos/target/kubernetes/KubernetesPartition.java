package dev.quorumchaos.target.kubernetes;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.fault.Fault;
import dev.quorumchaos.fault.partition.DirectedLink;
import dev.quorumchaos.fault.partition.PartitionShape;
import io.fabric8.kubernetes.api.model.Pod;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Cuts the links of a {@link PartitionShape} (the same shapes as on the local target) by dropping
 * packets inside the source pod's network namespace: for a cut link A→B, pod A gets {@code iptables -A ... -d <B's IP> -j DROP}, run in
 * the {@code chaos-net} sidecar (NET_ADMIN). Dropping in the namespace stops bytes on connections
 * that are already established, which a NetworkPolicy does not. A one-way cut still stalls TCP
 * both ways after a while, as A's acknowledgements to B are dropped too.
 *
 * <p>Why a sidecar and not an ephemeral container: the image is pulled at deploy time, so
 * applying a cut is one exec of a few milliseconds inside the fault window, not an image pull;
 * failures (no NET_ADMIN, no iptables) show at the first cut with iptables' own message; and it
 * works on clusters where ephemeral containers are disabled. The cost is a privileged-ish
 * container in every member pod, declared in the manifest for all to see.
 *
 * <p>Rules carry a comment naming this fault, so healing removes exactly them. A member restarted
 * while the cut is on gets the rules again (its new pod has a new namespace and a new IP).
 */
public final class KubernetesPartition implements Fault {

    static final String CHAIN = "QUORUM_CHAOS";
    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(20);

    private final KubernetesEnsemble ensemble;
    private final PartitionShape shape;
    private final Set<DirectedLink> cuts;
    private final String tag;
    private volatile boolean active;
    private ExecutorService reapplier;

    KubernetesPartition(KubernetesEnsemble ensemble, PartitionShape shape, String tag) {
        this.ensemble = ensemble;
        this.shape = shape;
        this.cuts = shape.cuts();
        this.tag = tag;
        ensemble.members().onStart(this::memberStarted);
    }

    @Override
    public java.util.Set<dev.quorumchaos.history.FaultEvent.Link> cuts() {
        java.util.Set<dev.quorumchaos.history.FaultEvent.Link> links = new java.util.HashSet<>();
        cuts.forEach(l -> links.add(new dev.quorumchaos.history.FaultEvent.Link(l.from(), l.to())));
        return links;
    }

    @Override
    public String kind() {
        return "partition";
    }

    @Override
    public String description() {
        return shape.description();
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
        reapplier = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "partition-reapply");
            t.setDaemon(true);
            return t;
        });
        for (int source : sources()) {
            cutFrom(source);
        }
    }

    @Override
    public synchronized void recover() {
        active = false;
        if (reapplier != null) {
            reapplier.shutdownNow();
        }
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

    /** Adds the DROP rules for every cut from {@code source} to a member that has an IP now. */
    private void cutFrom(int source) {
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
        if (ips.isEmpty()) {
            return;
        }
        PodExec.Result result = PodExec.sh(ensemble.client(), ensemble.namespace(), pod.getMetadata().getName(),
                ZooKeeperManifests.PARTITION_HELPER, cutScript(tag, ips), EXEC_TIMEOUT);
        if (!result.ok()) {
            throw new ChaosException("cannot cut links from member " + source + " (" + pod.getMetadata().getName()
                    + "): iptables exited " + result.exitCode() + ": " + result.stderr().trim());
        }
    }

    private void healFrom(int source) {
        Pod pod = ensemble.pods().pod(source).orElse(null);
        if (pod == null || !helperRunning(pod)) {
            return; // its network namespace, and the rules in it, went with the pod
        }
        PodExec.Result result = PodExec.sh(ensemble.client(), ensemble.namespace(), pod.getMetadata().getName(),
                ZooKeeperManifests.PARTITION_HELPER, healScript(tag), EXEC_TIMEOUT);
        if (!result.ok()) {
            throw new ChaosException("member " + source + " (" + pod.getMetadata().getName() + "): iptables exited "
                    + result.exitCode() + ": " + result.stderr().trim());
        }
    }

    private void memberStarted(int ordinal) {
        if (!active) {
            return;
        }
        for (int source : sources()) {
            boolean involved = source == ordinal || cuts.contains(new DirectedLink(source, ordinal));
            if (involved) {
                reapplier.execute(() -> {
                    if (active) {
                        cutFrom(source);
                    }
                });
            }
        }
    }

    private static boolean helperRunning(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getContainerStatuses() != null && pod.getStatus().getContainerStatuses().stream()
                .anyMatch(s -> ZooKeeperManifests.PARTITION_HELPER.equals(s.getName()) && s.getState() != null
                        && s.getState().getRunning() != null);
    }

    /** Idempotent: the chain, its jump from OUTPUT and each rule are added only when missing. */
    static String cutScript(String tag, List<String> ips) {
        StringBuilder sb = new StringBuilder("set -e\n")
                .append("iptables -w -N ").append(CHAIN).append(" 2>/dev/null || true\n")
                .append("iptables -w -C OUTPUT -j ").append(CHAIN).append(" 2>/dev/null || iptables -w -I OUTPUT 1 -j ")
                .append(CHAIN).append('\n');
        for (String ip : ips) {
            String rule = CHAIN + " -d " + ip + " -m comment --comment " + tag + " -j DROP";
            sb.append("iptables -w -C ").append(rule).append(" 2>/dev/null || iptables -w -A ").append(rule).append('\n');
        }
        return sb.toString();
    }

    /** Deletes every rule carrying this fault's comment, then fails if one is left. */
    static String healScript(String tag) {
        String mark = "--comment " + tag + " -j";
        return "iptables -w -S " + CHAIN + " 2>/dev/null | grep -F -- '" + mark + "' | sed 's/^-A /-D /' | "
                + "while read -r rule; do iptables -w $rule || exit 1; done\n"
                + "! iptables -w -S " + CHAIN + " 2>/dev/null | grep -qF -- '" + mark + "'\n";
    }
}
