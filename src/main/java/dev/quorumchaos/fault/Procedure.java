package dev.quorumchaos.fault;

import java.util.Optional;

/**
 * A fault that runs to its end inside {@link #apply()}: a rolling operation, whose members'
 * turns are fault windows of their own, injected by it. It is run, not injected (a window over
 * the whole would be charged with its members' outages); whoever runs it fails the scenario when
 * it {@link #stalled()}, and calls {@link #recover()} if it throws, to bring back what it left
 * stopped.
 */
public interface Procedure extends Fault {

    /** Where it stopped short and why; empty when it ran through. */
    Optional<String> stalled();

    /** What it did, for the window's end, e.g. "every member serves 3.9.5". */
    String outcome();
}
