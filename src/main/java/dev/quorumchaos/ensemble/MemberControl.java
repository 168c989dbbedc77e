package dev.quorumchaos.ensemble;

import java.util.function.IntConsumer;

/**
 * The disruptive operations a target offers on single members. Faults are built from these;
 * each target implements them its own way (a signal to a local process, a pod deletion).
 */
public interface MemberControl {

    /**
     * Crashes the member: SIGKILL to its server process (inside its pod on Kubernetes), and returns
     * once it is dead. The target brings it back on its own, as a kubelet restarts a container.
     */
    void kill(int ordinal);

    /** Freezes the member (SIGSTOP): its sockets stay open but it answers nothing. */
    void pause(int ordinal);

    /** Undoes {@link #pause}; does nothing when the member is not paused or is gone. */
    void resume(int ordinal);

    /** Destroys the member's data and stops it; it comes back on its own with an empty data dir. */
    void loseVolume(int ordinal);

    /** Brings a member back now if it is down and waiting to restart; no-op when it runs. */
    void ensureRunning(int ordinal);

    /** How many times the member has been started, the first start included. */
    int starts(int ordinal);

    /** Tells {@code listener} the ordinal of every member the target (re)starts. */
    void onStart(IntConsumer listener);
}
