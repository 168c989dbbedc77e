package dev.quorumchaos.glue;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.report.Progress;
import dev.quorumchaos.report.RunLog;
import dev.quorumchaos.platform.Target;
import dev.quorumchaos.platform.kubernetes.K3sTarget;
import dev.quorumchaos.platform.kubernetes.KubernetesTarget;
import dev.quorumchaos.platform.local.LocalTarget;
import dev.quorumchaos.platform.local.RunDirectory;
import dev.quorumchaos.settings.RunSettings;
import io.cucumber.java.AfterAll;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The targets of one run, shared by its scenarios: a k3s cluster takes a minute to start and
 * must not be started per scenario. This is the glue's only static state, on purpose: Cucumber
 * offers no run-scoped object, and {@link AfterAll} closes it when the run ends.
 */
public final class RunTargets {

    private static final Map<String, Target> TARGETS = new HashMap<>();
    private static boolean closeInBackground;
    private static CompletableFuture<Void> closing = CompletableFuture.completedFuture(null);

    private RunTargets() {
    }

    static synchronized Target get(RunSettings settings) {
        String key = settings.target() + "|" + settings.kubeconfig() + "|" + settings.context();
        return TARGETS.computeIfAbsent(key, k -> switch (settings.target()) {
            case "local" -> sweptLocalTarget(settings);
            case "k3s" -> K3sTarget.create(settings);
            case "kubeconfig" -> KubernetesTarget.fromKubeconfig(settings);
            default -> throw ChaosException.badInput("unknown target '" + settings.target()
                    + "': choose local, k3s or kubeconfig");
        });
    }

    /** A local target, after it swept what crashed runs left; says what it found. */
    private static LocalTarget sweptLocalTarget(RunSettings settings) {
        LocalTarget target = new LocalTarget(settings);
        RunDirectory.Sweep sweep = target.sweep();
        Progress progress = Progress.to(System.out);
        sweep.notes().forEach(n -> progress.say("swept a crashed run's leftovers: " + n));
        if (sweep.runDirectories() > 0) {
            progress.say("swept " + sweep.runDirectories() + " run director" + (sweep.runDirectories() == 1 ? "y" : "ies")
                    + " left by crashed runs");
        }
        sweep.problems().forEach(p -> RunLog.at(settings.runLog()).warn("sweeping a crashed run's leftovers", new ChaosException(p)));
        return target;
    }

    /**
     * For a process that ends with the run ({@code ./chaos run}): the run's end starts closing the
     * targets and returns, so the reports are written while the members stop. The caller must
     * {@link #awaitClosed()}, which also ends this mode.
     */
    public static synchronized void closeInBackground() {
        closeInBackground = true;
    }

    /** Waits until the targets a backgrounded {@link #closeAll()} started closing are closed. */
    public static void awaitClosed() {
        CompletableFuture<Void> pending;
        synchronized (RunTargets.class) {
            closeInBackground = false;
            pending = closing;
        }
        pending.join(); // tidy-up: closeAll's own warnings are all it can end with
    }

    /**
     * Closes the run's targets once every verdict is in: tidy-up, so a failure is a warning in the
     * run's log and never fails the run.
     */
    @AfterAll
    public static synchronized void closeAll() {
        RunLog log = RunLog.at(RunSettings.fromSystem().runLog());
        List<Target> targets = List.copyOf(TARGETS.values());
        TARGETS.clear();
        Runnable close = () -> targets.forEach(t -> log.tidyUp("closing the " + t.name() + " target", t::close));
        if (closeInBackground) {
            closing = CompletableFuture.runAsync(close, task -> new Thread(task, "closing-targets").start());
        } else {
            close.run();
        }
    }
}
