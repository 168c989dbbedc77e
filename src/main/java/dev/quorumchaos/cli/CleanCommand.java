package dev.quorumchaos.cli;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.platform.kubernetes.KubernetesCleaner;
import dev.quorumchaos.platform.kubernetes.KubernetesTarget;
import dev.quorumchaos.platform.local.RunDirectory;
import dev.quorumchaos.settings.NodeLossSettings;
import dev.quorumchaos.settings.RunSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Removes what crashed runs left behind; a run whose harness is alive is never touched. */
@Command(name = "clean", mixinStandardHelpOptions = true,
        description = "Kill member processes and remove run directories left by crashed runs; with --context,"
                + " also restore what crashed runs of this machine left on a Kubernetes cluster. What it will"
                + " change is printed first.")
final class CleanCommand implements Callable<Integer> {

    @Option(names = "--context", paramLabel = "NAME",
            description = "Also clean this Kubernetes context: run namespaces, taints and cordons left by crashed"
                    + " runs started from this machine.")
    String context;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The kubeconfig for --context.")
    Path kubeconfig;

    @Option(names = "--all-runs", description = "With --context: also runs started from other machines (a CI"
            + " runner, a colleague), which this machine cannot tell alive or dead. Live runs of this machine"
            + " are always left alone.")
    boolean allRuns;

    @Option(names = "--node-loss-command", paramLabel = "COMMAND",
            description = "With --context: a shell command that starts a node's kubelet, given $CHAOS_NODE and"
                    + " $CHAOS_KUBELET (start), as 'chaos run --node-loss-command' does, so a kubelet a crashed run"
                    + " left stopped is started again, e.g. 'ssh \"$CHAOS_NODE\" sudo systemctl \"$CHAOS_KUBELET\" kubelet'.")
    String nodeLossCommand;

    @Option(names = "--dry-run", description = "Print what would be removed or restored; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        if (allRuns && context == null) {
            throw ChaosException.badInput("--all-runs is about runs on a cluster: give --context NAME too");
        }
        if (nodeLossCommand != null && context == null) {
            throw ChaosException.badInput("--node-loss-command starts the kubelets of a cluster's nodes: give --context NAME too");
        }
        if (context != null && cleanCluster() != ChaosCli.PASSED) {
            return ChaosCli.FAILED;
        }
        if (dryRun) {
            System.out.println("chaos clean: local: not swept in a dry run");
            return ChaosCli.PASSED;
        }
        RunDirectory.Sweep sweep = RunDirectory.sweepAbandoned(RunSettings.fromSystem().runsDir());
        sweep.notes().forEach(n -> System.out.println("chaos clean: " + n));
        System.out.println("chaos clean: local: " + sweep.processesKilled() + " member process(es) killed, "
                + sweep.runDirectories() + " run director" + (sweep.runDirectories() == 1 ? "y" : "ies")
                + " removed" + (sweep.foundNothing() ? " (nothing was left behind)" : ""));
        sweep.problems().forEach(p -> System.err.println("chaos clean: FAILED " + p));
        return sweep.problems().isEmpty() ? ChaosCli.PASSED : ChaosCli.FAILED;
    }

    private int cleanCluster() {
        String prefix = "chaos clean: " + context + ": ";
        try (KubernetesTarget target = KubernetesTarget.fromKubeconfig(RunSettings.fromSystem(), kubeconfig, context)) {
            // a clean only starts kubelets, never stops one: the command is all it needs, not --allow-node-loss
            KubernetesCleaner cleaner = nodeLossCommand == null ? target.cleaner()
                    : target.cleaner(new NodeLossSettings(true, nodeLossCommand));
            KubernetesCleaner.Plan plan = cleaner.plan(allRuns);
            plan.actions().forEach(a -> System.out.println(prefix + (dryRun ? "would " : "will ") + a.description()));
            plan.spared().forEach(s -> System.out.println(prefix + "leaving " + s));
            if (dryRun) {
                System.out.println(prefix + "dry run: " + plan.actions().size() + " change(s) planned, none made");
                return ChaosCli.PASSED;
            }
            KubernetesCleaner.Report report = cleaner.execute(plan);
            report.failed().forEach(f -> System.err.println(prefix + "FAILED to " + f));
            System.out.println(prefix + report.done().size() + " thing(s) removed or restored"
                    + (report.failed().isEmpty() ? "" : ", " + report.failed().size() + " failed"));
            return report.failed().isEmpty() ? ChaosCli.PASSED : ChaosCli.FAILED;
        }
    }
}
