package dev.quorumchaos.workload;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The clients a service supplies to the workloads, each recording into the scenario's history
 * (invoke, then ok / fail / info). Keys are paths: {@code "/orders"} is a parent znode on
 * ZooKeeper and a key prefix on etcd.
 */
public interface ServiceClients {

    /** Makes {@code path} ready for keys under it (ZooKeeper creates the znodes; etcd needs nothing). */
    void prepare(String path);

    /** A client that writes a new key under {@code path} at a steady pace and reads each acknowledged one back. */
    AutoCloseable writer(int process, String path, Duration interval);

    /** A client doing reads and compare-and-sets on {@code registers} (Jepsen's register workload). */
    AutoCloseable registers(int process, List<String> registers, Duration interval, long seed);

    /**
     * What member {@code member} holds under {@code paths}, read from it alone once it caught up
     * with the leader; unreadable with why if that cannot be done within {@code deadline}.
     */
    List<MemberContents> readEveryMember(Set<String> paths, Duration deadline);

    /**
     * Writes under {@code path} through {@code member} alone, every {@code interval} for
     * {@code duration}, as a client stuck on the wrong side of a partition would; blocks meanwhile.
     */
    void probeThrough(int member, String path, int process, Duration duration, Duration interval);
}
