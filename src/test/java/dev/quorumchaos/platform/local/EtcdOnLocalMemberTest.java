package dev.quorumchaos.platform.local;

import dev.quorumchaos.service.etcd.EtcdMemberLauncher;
import dev.quorumchaos.service.etcd.EtcdPorts;
import dev.quorumchaos.service.etcd.EtcdSettings;
import dev.quorumchaos.service.etcd.EtcdTopology;
import dev.quorumchaos.settings.RunSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The etcd launcher plugged into the local platform's supervisor as it is: pid files the sweep
 * reads, a restart after SIGKILL, and a volume loss healed by a replacement under a new id.
 */
class EtcdOnLocalMemberTest {

    @TempDir
    Path root;

    @Test
    void theSupervisorRestartsKilledEtcdMembersAndTheSweepFindsThemByTheirPidFiles() throws Exception {
        Assumptions.assumeTrue(EtcdSettings.onPath(RunSettings.fromSystem().machine()).isPresent(), "no etcd on the PATH (apt-get install etcd-server)");
        List<EtcdPorts> ports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ports.add(new EtcdPorts(freePort(), freePort()));
        }
        EtcdTopology topology = EtcdTopology.direct(EtcdSettings.defaults(RunSettings.fromSystem().machine()), ports);
        RunDirectory run = RunDirectory.create(root.resolve("runs"));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        List<LocalMember> members = new ArrayList<>();
        List<EtcdMemberLauncher> launchers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Path dir = Files.createDirectories(run.member(i));
                EtcdMemberLauncher launcher = new EtcdMemberLauncher(topology, i);
                launchers.add(launcher);
                Path config = launcher.writeBootstrapConfig(dir);
                members.add(new LocalMember(i, dir, config, EtcdTopology.dataDir(dir), launcher::start,
                        Duration.ofMillis(500), scheduler, ordinal -> { }));
            }
            members.forEach(LocalMember::start);
            await("every member serves").atMost(Duration.ofSeconds(20)).until(() -> health(topology, 0, 1, 2));
            assertThat(RunDirectory.ownedProcess(RunDirectory.pidFile(run.member(1)), run.path()))
                    .as("the pid file names the member, whose command line names the run").isPresent();

            long before = members.get(1).pid();
            members.get(1).kill();
            await("restarted by the supervisor").atMost(Duration.ofSeconds(10))
                    .until(() -> members.get(1).isAlive() && members.get(1).pid() != before);

            members.get(2).loseVolume();
            await("the member that lost its volume serves again, replaced").atMost(Duration.ofSeconds(30))
                    .until(() -> launchers.get(2).lastReplacement().isPresent() && health(topology, 2));
            assertThat(launchers.get(2).lastReplacement().orElseThrow()).contains("removed its old member id");
        } finally {
            members.forEach(LocalMember::close);
            scheduler.shutdownNow();
        }
        assertThat(RunDirectory.sweepAbandoned(root.resolve("runs")).processesKilled()).isZero();
    }

    /** Each member's own /health: true only while it has a leader and serves. */
    private static boolean health(EtcdTopology topology, int... members) {
        for (int m : members) {
            try {
                var url = topology.realClientUrl(m).resolve("/health").toURL();
                var connection = (java.net.HttpURLConnection) url.openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(1000);
                String body = new String(connection.getInputStream().readAllBytes());
                if (!body.contains("\"health\":\"true\"")) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }
}
