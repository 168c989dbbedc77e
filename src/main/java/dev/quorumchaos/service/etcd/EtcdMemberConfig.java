package dev.quorumchaos.service.etcd;

import dev.quorumchaos.ChaosException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One member's etcd config file, read with {@code etcd --config-file}. Everything listens on
 * loopback only: peers, clients, and the metrics served on the client listener (no separate
 * metrics listener, pprof off, the v2 API off).
 *
 * <p>The advertised peer URL is what every member, this one included, names the member by in
 * {@code initial-cluster}; etcd checks that its own entry there matches it, and derives member
 * ids from it. It is the member's link proxy, so it differs from the listen URL.
 *
 * @param state {@code new} to bootstrap the cluster, {@code existing} to join it as a member just
 *              added (a member replaced after losing its data)
 */
public record EtcdMemberConfig(String name, Path dataDir, EtcdPorts ports, URI advertisedPeer, URI advertisedClient,
                               String initialCluster, State state, EtcdSettings settings) {

    public enum State { NEW, EXISTING }

    public static final String FILE_NAME = "etcd.conf.yml";

    public String render() {
        return "name: " + name + "\n"
                + "data-dir: " + dataDir + "\n"
                + "listen-peer-urls: http://127.0.0.1:" + ports.peer() + "\n"
                + "listen-client-urls: http://127.0.0.1:" + ports.client() + "\n"
                + "initial-advertise-peer-urls: " + advertisedPeer + "\n"
                + "advertise-client-urls: " + advertisedClient + "\n"
                + "initial-cluster: " + initialCluster + "\n"
                + "initial-cluster-token: " + settings.clusterToken() + "\n"
                + "initial-cluster-state: " + state.name().toLowerCase(Locale.ROOT) + "\n"
                + "heartbeat-interval: " + settings.heartbeat().toMillis() + "\n"
                + "election-timeout: " + settings.electionTimeout().toMillis() + "\n"
                + "strict-reconfig-check: true\n"
                + "enable-v2: false\n"
                + "enable-pprof: false\n"
                + "logger: zap\n"
                + "log-outputs: [stderr]\n";
    }

    /** Writes the file into {@code memberDir} and creates the data dir; returns the file. */
    public Path write(Path memberDir) {
        try {
            Files.createDirectories(dataDir);
            Path file = memberDir.resolve(FILE_NAME);
            Path tmp = Files.createTempFile(memberDir, ".etcd", ".tmp");
            Files.writeString(tmp, render());
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new ChaosException("cannot write the etcd config of " + name + " in " + memberDir + ": "
                    + e.getMessage(), e);
        }
    }
}
