package dev.quorumchaos.target.kubernetes;

import dev.quorumchaos.fault.node.CordonNode;
import dev.quorumchaos.fault.node.NodeAnnotations;
import dev.quorumchaos.fault.node.TaintNode;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Removes or restores what crashed runs left on a cluster: run namespaces (and with them the
 * StatefulSet, PVCs, helper containers and their iptables rules), and taints and cordons on
 * nodes, put back from the annotations the node faults wrote. Runs whose harness process is still
 * alive on this machine are spared, and so are the nodes they changed.
 */
public final class KubernetesCleaner {

    /** What a clean did, what it left alone and why, and what it could not do. */
    public record Report(List<String> done, List<String> spared, List<String> failed) {

        public Report {
            done = List.copyOf(done);
            spared = List.copyOf(spared);
            failed = List.copyOf(failed);
        }
    }

    private final KubernetesClient client;

    public KubernetesCleaner(KubernetesClient client) {
        this.client = client;
    }

    /** For {@code chaos clean}: every run except those owned by a live process on this machine. */
    public Report clean() {
        return clean(owner -> owner.map(o -> !o.alive()).orElse(true));
    }

    /** Before a new run: only runs started on this machine by a process that is gone. */
    public Report cleanAbandoned() {
        return clean(owner -> owner.map(o -> o.onThisHost() && !o.alive()).orElse(false));
    }

    private Report clean(Predicate<Optional<RunOwner>> abandoned) {
        List<String> done = new ArrayList<>();
        List<String> spared = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Set<String> liveRuns = new HashSet<>();
        for (Namespace ns : client.namespaces().withLabel(RunLabels.RUN).list().getItems()) {
            String name = ns.getMetadata().getName();
            Map<String, String> annotations = ns.getMetadata().getAnnotations();
            Optional<RunOwner> owner = RunOwner.parse(annotations == null ? null : annotations.get(RunLabels.OWNER));
            if (!abandoned.test(owner)) {
                liveRuns.add(ns.getMetadata().getLabels().get(RunLabels.RUN));
                spared.add("namespace " + name + owner.map(o -> " (owned by " + o.annotation() + ")").orElse(""));
                continue;
            }
            try {
                client.namespaces().withName(name).delete();
                done.add("deleted namespace " + name);
            } catch (RuntimeException e) {
                failed.add("namespace " + name + ": " + e.getMessage());
            }
        }
        for (Node node : client.nodes().list().getItems()) {
            Map<String, String> annotations = node.getMetadata().getAnnotations();
            if (annotations == null || NodeAnnotations.RESTORABLE.stream().noneMatch(annotations::containsKey)) {
                continue;
            }
            String name = node.getMetadata().getName();
            String run = annotations.get(NodeAnnotations.RUN);
            if (run != null && liveRuns.contains(run)) {
                spared.add("node " + name + " (changed by live run " + run + ")");
                continue;
            }
            try {
                if (TaintNode.restore(client, name)) {
                    done.add("restored the taints of node " + name + (run == null ? "" : " (left by run " + run + ")"));
                }
                if (CordonNode.restore(client, name)) {
                    done.add("restored the schedulability of node " + name + (run == null ? "" : " (left by run " + run + ")"));
                }
            } catch (RuntimeException e) {
                failed.add("node " + name + ": " + e.getMessage());
            }
        }
        return new Report(done, spared, failed);
    }
}
