package dev.quorumchaos.glue;

import dev.quorumchaos.report.Progress;
import dev.quorumchaos.settings.RunSettings;

/**
 * How the run was asked to behave, read once per scenario (never written by the glue), and where
 * the scenario tells the person watching what happens.
 */
public final class ScenarioSettings {

    private final RunSettings run = RunSettings.fromSystem();
    private final Progress progress = Progress.to(System.out);

    public RunSettings run() {
        return run;
    }

    public Progress progress() {
        return progress;
    }

    /**
     * Whether node faults may hit nodes that also run other namespaces' pods: yes on a cluster the
     * harness created; on one it did not (a kubeconfig's), only with --allow-shared-nodes.
     */
    boolean allowsSharedNodes() {
        return !"kubeconfig".equals(run.target()) || run.allowSharedNodes();
    }
}
