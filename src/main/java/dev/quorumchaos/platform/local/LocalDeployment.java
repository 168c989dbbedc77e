package dev.quorumchaos.platform.local;

import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.history.History;

import java.nio.file.Path;

/** An ensemble a {@link LocalService} booted, as the local platform keeps and hands it on. */
public interface LocalDeployment extends Ensemble {

    EnsembleSpec spec();

    /** Where its members live: the run directory. */
    Path directory();

    /**
     * Whether it can serve another scenario as it is: every member serving, none paused, no link
     * cut. A scenario's faults are recovered before this is asked.
     */
    boolean healthy();

    /**
     * Hands it to a new scenario: its data emptied, its observer recording into {@code history},
     * no listener of the last scenario left. Throws if it does not serve as it did.
     */
    void reuse(History history);
}
