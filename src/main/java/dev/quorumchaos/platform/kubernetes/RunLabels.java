package dev.quorumchaos.platform.kubernetes;

/** The marks the harness puts on what it creates, so a crashed run's leftovers can be found. */
public final class RunLabels {

    /**
     * On the run's namespace and on every object in it; the value is the run id (= the namespace,
     * {@code chaos-<machine id>-<time>-<random>}). Node faults write it on the nodes they change.
     */
    public static final String RUN = "chaos.quorumchaos.dev/run";

    /** On the run's namespace: the {@link MachineId} of the machine that started the run. */
    public static final String MACHINE = "chaos.quorumchaos.dev/machine";

    /** On the run's namespace: which harness process owns it ({@link RunOwner}). */
    public static final String OWNER = "chaos.quorumchaos.dev/owner";

    private RunLabels() {
    }
}
