package dev.quorumchaos.operation;

import java.util.Optional;

/**
 * A member's life as an operator sees it: a graceful stop, a start at a chosen version, and the
 * version it says it runs. A platform's ensemble offers it as a capability; where it is missing,
 * rolling operations skip the scenario with the reason.
 */
public interface MemberLifecycle {

    /** The service's name as people write it, for messages: "ZooKeeper", "etcd". */
    String serviceName();

    /**
     * Makes sure members can run {@code version} here, fetching what it needs once; a bad-input
     * {@code ChaosException} naming the version and what exists otherwise. Nothing is stopped.
     */
    void prepare(String version);

    /** The version member {@code ordinal} is set to run. */
    String version(int ordinal);

    /** What the member says it runs, asked now (ZooKeeper's {@code srvr}); empty when it does not answer. */
    Optional<String> runningVersion(int ordinal);

    /**
     * Stops the member as an operator does: SIGTERM, then waits for it to exit (SIGKILL only if it
     * lingers). It stays down until {@link #start}; the platform does not bring it back.
     */
    void stop(int ordinal);

    /** Starts a stopped member at {@code version} ({@link #prepare}d); returns once its process runs. */
    void start(int ordinal, String version);

    /** Whether the member's process runs now (serving or not). */
    boolean running(int ordinal);
}
