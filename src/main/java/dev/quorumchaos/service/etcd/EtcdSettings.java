package dev.quorumchaos.service.etcd;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.settings.RunSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How every etcd member of a run is configured: the binary, the raft timings and the cluster
 * token. The short timings suit loopback: with a 50 ms heartbeat and a 500 ms election timeout,
 * 3 members reach quorum in about half a second and replace a killed leader in about one.
 *
 * @param binary          the {@code etcd} executable
 * @param heartbeat       {@code --heartbeat-interval}: how often a leader tells followers it lives
 * @param electionTimeout {@code --election-timeout}: how long a follower waits before it stands
 * @param clusterToken    {@code --initial-cluster-token}: member and cluster ids are derived from it
 */
public record EtcdSettings(Path binary, Duration heartbeat, Duration electionTimeout, String clusterToken) {

    static final Duration DEFAULT_HEARTBEAT = Duration.ofMillis(50);
    static final Duration DEFAULT_ELECTION_TIMEOUT = Duration.ofMillis(500);

    public EtcdSettings {
        // etcd refuses to start otherwise ("should be at least as 5 times as --heartbeat-interval"):
        // say so before anything starts
        if (heartbeat.isNegative() || heartbeat.isZero() || electionTimeout.compareTo(heartbeat.multipliedBy(5)) < 0) {
            throw ChaosException.badInput("etcd's election timeout (" + electionTimeout.toMillis() + " ms) must be at"
                    + " least 5 heartbeats (" + heartbeat.toMillis() + " ms each)");
        }
        if (clusterToken.isBlank()) {
            throw ChaosException.badInput("the etcd cluster token must not be blank");
        }
    }

    /** The loopback timings with the {@code etcd} found on the machine's PATH. */
    public static EtcdSettings defaults(RunSettings.Machine machine) {
        Path binary = onPath(machine).orElseThrow(() -> ChaosException.badInput(
                "no etcd executable on the PATH: install Debian's etcd-server (apt-get install etcd-server)"));
        return new EtcdSettings(binary, DEFAULT_HEARTBEAT, DEFAULT_ELECTION_TIMEOUT, "quorum-chaos");
    }

    /** The {@code etcd} executable on the machine's PATH, if any. */
    public static Optional<Path> onPath(RunSettings.Machine machine) {
        for (Path dir : machine.path()) {
            Path candidate = dir.resolve("etcd");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public EtcdSettings withTimings(Duration heartbeat, Duration electionTimeout) {
        return new EtcdSettings(binary, heartbeat, electionTimeout, clusterToken);
    }
}
