package dev.quorumchaos.platform;

import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.history.History;

/** Where members run. A target deploys ensembles and tells which kinds of fault it can inject. */
public interface Target extends AutoCloseable {

    String name();

    Ensemble deploy(EnsembleSpec spec, History history);

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
