package dev.quorumchaos.platform.local;

import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.history.History;

/**
 * A service's part on the local platform: how to boot its members as processes on this machine
 * (config, ports, link proxies, role probe). The platform owns the rest: run directories and
 * their sweep, the shutdown hook, handing a healthy ensemble to the next scenario. One instance
 * serves one {@link LocalTarget}, which closes it with itself.
 */
public interface LocalService extends AutoCloseable {

    /**
     * Boots an ensemble in {@code dir}; returns once its members are started (not yet serving).
     *
     * @param onClose to be run once the ensemble is closed
     */
    LocalDeployment boot(LocalTarget target, EnsembleSpec spec, History history, RunDirectory dir, Runnable onClose);

    /** Frees what the service keeps across ensembles (a pool of started JVMs); by default nothing. */
    @Override
    default void close() {
    }
}
