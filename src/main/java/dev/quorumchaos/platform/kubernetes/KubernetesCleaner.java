package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.fault.node.CordonNode;
import dev.quorumchaos.fault.node.NodeAnnotations;
import dev.quorumchaos.fault.node.NodeEdits;
import dev.quorumchaos.fault.nodeloss.Kubelets;
import dev.quorumchaos.settings.NodeLossSettings;
import dev.quorumchaos.fault.node.TaintNode;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Removes or restores what crashed runs left on a cluster: run namespaces (and with them the
 * StatefulSet, PVCs, helper containers and their iptables rules), and taints and cordons on
 * nodes, put back from the annotations the node faults wrote. It first makes a {@link Plan} that
 * says what it will do and what it leaves alone and why, so {@code chaos clean} can print it
 * before anything changes.
 *
 * <p>Only runs started from this machine ({@link MachineId}) whose harness process is gone are
 * cleaned, unless all runs are asked for: a laptop cannot tell whether a CI runner's run is still
 * going. A live run on this machine is never touched, nor the nodes it changed.
 */
public final class KubernetesCleaner {

    /** Whose a run is, as far as this machine can tell. */
    enum Standing {
        /** Started here by a process that is gone. */
        ABANDONED_HERE,
        /** Started here by a process still running. */
        LIVE_HERE,
        /** Started from another machine: alive or not, this machine cannot tell. */
        ELSEWHERE,
        /** No owner this harness can read (written by hand, or by a harness older than machine ids). */
        UNKNOWN
    }

    /** One change the clean will make, said before it is made. */
    public record Action(String description, Runnable change) {
    }

    /** What a clean will do, and what it leaves alone with the reason. */
    public record Plan(List<Action> actions, List<String> spared) {

        public Plan {
            actions = List.copyOf(actions);
            spared = List.copyOf(spared);
        }
    }

    /** What a clean did, what it left alone and why, and what it could not do. */
    public record Report(List<String> done, List<String> spared, List<String> failed) {

        public Report {
            done = List.copyOf(done);
            spared = List.copyOf(spared);
            failed = List.copyOf(failed);
        }
    }

    /** The node annotations from which {@link TaintNode#restore} puts taints back. */
    private static final List<String> TAINT_RECORDS = List.of(NodeAnnotations.ADDED_TAINTS, NodeAnnotations.ORIGINAL_TAINTS);

    private final KubernetesClient client;
    private final MachineId here;
    private final Kubelets kubelets;

    /** A cleaner that cannot start a stopped kubelet: it says so and leaves the node. */
    public KubernetesCleaner(KubernetesClient client, MachineId here) {
        this(client, here, new NodeLossCommand(new NodeLossSettings(false, null), "this cluster"));
    }

    /** @param kubelets how to start a kubelet that a crashed run's node loss left stopped */
    public KubernetesCleaner(KubernetesClient client, MachineId here, Kubelets kubelets) {
        this.client = client;
        this.here = here;
        this.kubelets = kubelets;
    }

    /** Before a run, and {@code chaos clean} by default: abandoned runs of this machine. */
    public Report cleanAbandoned() {
        return execute(plan(false));
    }

    /**
     * Looks, changes nothing.
     *
     * @param allRuns also runs started from other machines, or whose owner cannot be read; never
     *                a live run of this machine
     */
    public Plan plan(boolean allRuns) {
        List<Action> actions = new ArrayList<>();
        List<String> spared = new ArrayList<>();
        Map<String, Standing> runs = new HashMap<>();
        for (Namespace ns : client.namespaces().withLabel(RunLabels.RUN).list().getItems()) {
            String name = ns.getMetadata().getName();
            String run = ns.getMetadata().getLabels().get(RunLabels.RUN);
            Map<String, String> annotations = ns.getMetadata().getAnnotations();
            Optional<RunOwner> owner = RunOwner.parse(annotations == null ? null : annotations.get(RunLabels.OWNER));
            Standing standing = standing(owner, run);
            runs.put(run, standing);
            String whose = whose(standing, owner, run);
            if (cleans(standing, allRuns)) {
                actions.add(new Action("delete namespace " + name + " (" + whose + ")",
                        () -> client.namespaces().withName(name).delete()));
            } else {
                spared.add("namespace " + name + " (" + whose + ")" + hint(standing));
            }
        }
        for (Node node : client.nodes().list().getItems()) {
            Map<String, String> annotations = node.getMetadata().getAnnotations();
            if (annotations == null) {
                continue;
            }
            Optional<String> taints = TAINT_RECORDS.stream().filter(annotations::containsKey).findFirst();
            String unschedulable = annotations.get(NodeAnnotations.ORIGINAL_UNSCHEDULABLE);
            String kubeletStopped = annotations.get(NodeAnnotations.KUBELET_STOPPED);
            if (taints.isEmpty() && unschedulable == null && kubeletStopped == null) {
                continue;
            }
            String name = node.getMetadata().getName();
            String run = annotations.get(NodeAnnotations.RUN);
            // a run whose namespace is gone has ended; its id still names the machine it ran from
            Standing standing = runs.getOrDefault(run, standing(Optional.empty(), run));
            String changedBy = "changed by " + (run == null ? "a run that left no id" : "run " + run)
                    + (standing == Standing.LIVE_HERE ? ", still running here" : "");
            if (!cleans(standing, allRuns)) {
                spared.add("node " + name + " (" + changedBy + ")" + hint(standing));
                continue;
            }
            if (taints.isPresent()) {
                actions.add(new Action("put back the taints of node " + name + " (" + changedBy + ") as recorded in "
                        + taints.get() + "=" + annotations.get(taints.get()) + "; taints now: "
                        + client.getKubernetesSerialization().asJson(node.getSpec().getTaints() == null ? List.of()
                        : node.getSpec().getTaints()), () -> TaintNode.restore(client, name)));
            }
            if (kubeletStopped != null) {
                Optional<String> refused = kubelets.refusal();
                if (refused.isPresent()) {
                    spared.add("the kubelet of node " + name + " (" + changedBy + ", stopped by " + kubeletStopped
                            + "): start it on the node (systemctl start kubelet), or give chaos clean --node-loss-command;"
                            + " the harness cannot start it now: " + refused.get());
                } else {
                    actions.add(new Action("start the kubelet of node " + name + " again (" + changedBy + ", stopped by "
                            + kubeletStopped + ") with " + kubelets.how(), () -> {
                                kubelets.start(name);
                                NodeEdits.restore(client, name, NodeAnnotations.KUBELET_STOPPED, (n, how) -> { });
                            }));
                }
            }
            if (unschedulable != null) {
                actions.add(new Action("put back node " + name + " as " + ("true".equals(unschedulable) ? "cordoned" : "schedulable")
                        + " (" + changedBy + ")", () -> CordonNode.restore(client, name)));
            }
        }
        return new Plan(actions, spared);
    }

    /** Makes the plan's changes, each on its own: one failure does not stop the others. */
    public Report execute(Plan plan) {
        List<String> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Action action : plan.actions()) {
            try {
                action.change().run();
                done.add(action.description());
            } catch (RuntimeException e) {
                failed.add(action.description() + ": " + e.getMessage());
            }
        }
        return new Report(done, plan.spared(), failed);
    }

    private Standing standing(Optional<RunOwner> owner, String run) {
        if (owner.isPresent()) {
            if (!owner.get().on(here)) {
                return Standing.ELSEWHERE;
            }
            return owner.get().aliveOn(here) ? Standing.LIVE_HERE : Standing.ABANDONED_HERE;
        }
        return RunOwner.machineOfRun(run)
                .map(m -> m.equals(here.value()) ? Standing.ABANDONED_HERE : Standing.ELSEWHERE)
                .orElse(Standing.UNKNOWN);
    }

    private static boolean cleans(Standing standing, boolean allRuns) {
        return switch (standing) {
            case ABANDONED_HERE -> true;
            case LIVE_HERE -> false;
            case ELSEWHERE, UNKNOWN -> allRuns;
        };
    }

    private String whose(Standing standing, Optional<RunOwner> owner, String run) {
        return switch (standing) {
            case ABANDONED_HERE -> "started from this machine" + owner.map(o -> " by process " + o.pid()).orElse("")
                    + ", which is gone";
            case LIVE_HERE -> "its harness, process " + owner.map(RunOwner::pid).orElse(-1L) + " on this machine, is still running";
            case ELSEWHERE -> "started from machine " + owner.map(RunOwner::machine).or(() -> RunOwner.machineOfRun(run))
                    .orElse("?") + ", not this one (" + here + ")";
            case UNKNOWN -> "no owner this harness can read";
        };
    }

    private static String hint(Standing standing) {
        return standing == Standing.ELSEWHERE || standing == Standing.UNKNOWN ? "; --all-runs removes it" : "";
    }
}
