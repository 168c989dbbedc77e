package dev.quorumchaos.fault.node;

/** Where a drain records each eviction attempt as it happens. */
@FunctionalInterface
public interface EvictionLog {

    void attempted(EvictionAttempt attempt);

    static EvictionLog none() {
        return attempt -> { };
    }
}
