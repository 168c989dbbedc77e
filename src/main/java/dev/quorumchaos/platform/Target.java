package dev.quorumchaos.platform;

import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.history.History;
import dev.quorumchaos.service.Service;

/**
 * Where members run: a platform. It deploys any service that offers the part it needs (see
 * {@link Service#part}); a service without one is skipped there, with the reason.
 */
public interface Target extends AutoCloseable {

    String name();

    Ensemble deploy(Service service, EnsembleSpec spec, History history);

    /**
     * The scenario is done with {@code ensemble}; a target may keep a healthy one for the next
     * scenario that asks for the same spec instead of tearing it down. By default it is closed.
     */
    default void release(Ensemble ensemble) {
        ensemble.close();
    }

    /** Whether the target has nodes to taint, cordon and drain; the local target has none. */
    default boolean hasNodes() {
        return false;
    }

    @Override
    void close();
}
