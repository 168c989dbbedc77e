package dev.quorumchaos.glue;

import dev.quorumchaos.report.RunLog;

import java.util.ArrayList;
import java.util.List;

/**
 * The one closing order, however the scenario ends (passed, failed, Ctrl-C): faults recovered,
 * clients stopped, the ensemble torn down or handed on. A fault not recovered is a real failure
 * and is thrown; the rest is the harness tidying up after the verdicts, where a failure is a
 * warning in the run's log and never fails the scenario.
 */
public final class ScenarioTeardown {

    private final ScenarioSettings settings;
    private final Deployment deployment;
    private final Faults faults;
    private final Clients clients;
    private final Thread interrupted = new Thread(this::closeOnInterrupt, "scenario-interrupted");

    public ScenarioTeardown(ScenarioSettings settings, Deployment deployment, Faults faults, Clients clients) {
        this.settings = settings;
        this.deployment = deployment;
        this.faults = faults;
        this.clients = clients;
        // from the moment members may start, Ctrl-C or SIGTERM recovers and tears down first
        deployment.beforeDeploy(() -> Runtime.getRuntime().addShutdownHook(interrupted));
    }

    /** Ctrl-C or SIGTERM mid-scenario: recover and tear down before the JVM goes. */
    private void closeOnInterrupt() {
        System.err.println("chaos: interrupted: recovering faults " + faults.activeFaults()
                + " and stopping the ensemble");
        try {
            close(false);
        } catch (RuntimeException e) {
            System.err.println("chaos: recovery after the interrupt failed: " + e.getMessage());
        }
    }

    /** @param passed whether the scenario passed, so that its ensemble may be handed on */
    synchronized void close(boolean passed) {
        try {
            Runtime.getRuntime().removeShutdownHook(interrupted);
        } catch (IllegalStateException shuttingDown) {
            // this is the hook running, or the JVM is going down anyway
        }
        List<RuntimeException> failures = new ArrayList<>();
        try {
            faults.close();
        } catch (RuntimeException e) {
            failures.add(e);
        }
        RunLog log = RunLog.at(settings.run().runLog());
        log.tidyUp("stopping the clients", clients::close);
        // a passed scenario's ensemble may serve the next one; anything else is torn down
        log.tidyUp("tearing down the ensemble", () -> deployment.close(failures.isEmpty() && passed));
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
