package dev.quorumchaos.ensemble;

import java.time.Duration;

/**
 * What a scenario asks for: how many members, and the timings that shape how fast they notice
 * a failure. {@code tickTime} 500 ms with syncLimit 5 means a silent leader is given up after
 * 2.5 s, a third of ZooKeeper's default, so scenarios run in seconds, not minutes.
 *
 * @param restartDelay how long a killed local member stays down before it comes back
 * @param version      the service version its members start at, e.g. "3.8.4"; null for the one
 *                     the harness was built with (ZooKeeper) or the one installed (etcd)
 */
public record EnsembleSpec(int size, Duration tickTime, int initLimit, int syncLimit, Duration restartDelay,
                           String version) {

    public static final int MAX_SIZE = 9;

    public EnsembleSpec {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("an ensemble has 1 to " + MAX_SIZE + " members, not " + size);
        }
    }

    public static EnsembleSpec of(int size) {
        return new EnsembleSpec(size, Duration.ofMillis(500), 10, 5, Duration.ofSeconds(1), null);
    }

    public EnsembleSpec withRestartDelay(Duration delay) {
        return new EnsembleSpec(size, tickTime, initLimit, syncLimit, delay, version);
    }

    /** The same ensemble at {@code version}; null for the service's own. */
    public EnsembleSpec withVersion(String version) {
        return new EnsembleSpec(size, tickTime, initLimit, syncLimit, restartDelay, version);
    }
}
