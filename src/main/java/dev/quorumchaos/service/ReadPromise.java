package dev.quorumchaos.service;

/** What a service promises about reads, which decides whether the linearizability check judges them. */
public enum ReadPromise {
    /** Every read sees the latest acknowledged write (etcd's default reads). */
    LINEARIZABLE,
    /** Reads may be stale (ZooKeeper serves reads from the member a client is connected to): only writes are judged. */
    WRITES_ONLY
}
