package dev.quorumchaos.cli;

import dev.quorumchaos.target.local.RunDirectory;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Removes what crashed runs left behind; a run whose harness is alive is never touched. */
@Command(name = "clean", mixinStandardHelpOptions = true,
        description = "Kill member processes and remove run directories left by crashed runs; with --context,"
                + " also restore what they left on a Kubernetes cluster.")
final class CleanCommand implements Callable<Integer> {

    @picocli.CommandLine.Option(names = "--context", paramLabel = "NAME",
            description = "Also clean this Kubernetes context: run namespaces, taints, cordons and helper pods"
                    + " left by crashed runs.")
    String context;

    @picocli.CommandLine.Option(names = "--kubeconfig", paramLabel = "FILE", description = "The kubeconfig for --context.")
    java.nio.file.Path kubeconfig;

    @Override
    public Integer call() {
        if (context != null) {
            try (var target = dev.quorumchaos.target.kubernetes.KubernetesTarget.fromKubeconfig(kubeconfig, context)) {
                var report = target.cleaner().clean();
                report.done().forEach(d -> System.out.println("chaos clean: " + context + ": " + d));
                report.spared().forEach(d -> System.out.println("chaos clean: " + context + ": spared " + d));
                report.failed().forEach(d -> System.err.println("chaos clean: " + context + ": FAILED " + d));
                System.out.println("chaos clean: " + context + ": " + report.done().size() + " thing(s) removed or restored"
                        + (report.failed().isEmpty() ? "" : ", " + report.failed().size() + " failed"));
                if (!report.failed().isEmpty()) {
                    return ChaosCli.FAILED;
                }
            }
        }
        RunDirectory.Sweep sweep = RunDirectory.sweepAbandoned(RunDirectory.root());
        sweep.notes().forEach(n -> System.out.println("chaos clean: " + n));
        System.out.println("chaos clean: local: " + sweep.processesKilled() + " member process(es) killed, "
                + sweep.runDirectories() + " run director" + (sweep.runDirectories() == 1 ? "y" : "ies")
                + " removed" + (sweep.foundNothing() ? " (nothing was left behind)" : ""));
        sweep.problems().forEach(p -> System.err.println("chaos clean: FAILED " + p));
        return sweep.problems().isEmpty() ? ChaosCli.PASSED : ChaosCli.FAILED;
    }
}
