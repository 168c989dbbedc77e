package dev.quorumchaos.glue;

import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.workload.Workload;

/** The scenario's clients: the workload over the clients the service supplies, started on first use. */
public final class Clients {

    private final Deployment deployment;
    private final ScenarioClock clock;
    private Workload workload;

    public Clients(Deployment deployment, ScenarioClock clock) {
        this.deployment = deployment;
        this.clock = clock;
    }

    public synchronized Workload workload() {
        if (workload == null) {
            Ensemble ensemble = deployment.ensemble();
            workload = new Workload(ensemble, deployment.service().clients(ensemble, clock.history()), clock.history());
        }
        return workload;
    }

    public synchronized boolean hasWorkload() {
        return workload != null && workload.running();
    }

    synchronized void close() {
        if (workload != null) {
            workload.close();
        }
    }
}
