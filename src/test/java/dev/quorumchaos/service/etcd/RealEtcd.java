package dev.quorumchaos.service.etcd;

import dev.quorumchaos.history.MemberState;
import dev.quorumchaos.settings.RunSettings;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * Real etcd members for tests: processes started by {@link EtcdMemberLauncher} in a temporary
 * directory, killed, paused and restarted by the test itself (the local platform's supervisor is
 * tested with them in {@code target.local}). Skips the test, saying why, where etcd is missing.
 */
final class RealEtcd implements AutoCloseable {

    static final Duration ANSWER_TIMEOUT = Duration.ofMillis(250);

    final EtcdTopology topology;
    final EtcdPeerMesh mesh;
    final EtcdRoleProbe probe;
    private final Path dir;
    private final List<EtcdMemberLauncher> launchers = new ArrayList<>();
    private final Process[] processes;

    private RealEtcd(Path dir, EtcdTopology topology, EtcdPeerMesh mesh) {
        this.dir = dir;
        this.topology = topology;
        this.mesh = mesh;
        this.processes = new Process[topology.size()];
        List<java.net.URI> real = IntStream.range(0, topology.size()).mapToObj(topology::realClientUrl).toList();
        this.probe = new EtcdRoleProbe(real, ANSWER_TIMEOUT, topology.ids());
    }

    static EtcdSettings settingsOrSkip() {
        if (EtcdSettings.onPath(RunSettings.fromSystem().machine()).isEmpty()) {
            System.out.println("SKIPPED: no etcd on the PATH (apt-get install etcd-server); .ci/run installs it");
        }
        Assumptions.assumeTrue(EtcdSettings.onPath(RunSettings.fromSystem().machine()).isPresent(), "no etcd on the PATH (apt-get install etcd-server)");
        return EtcdSettings.defaults(RunSettings.fromSystem().machine());
    }

    /** {@code n} members, through link proxies when {@code proxied}; written, not started. */
    static RealEtcd create(Path dir, int n, boolean proxied) throws IOException {
        EtcdSettings settings = settingsOrSkip();
        List<EtcdPorts> ports = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ports.add(new EtcdPorts(freePort(), freePort()));
        }
        EtcdPeerMesh mesh = proxied ? EtcdPeerMesh.open(ports) : null;
        EtcdTopology topology = proxied ? EtcdTopology.through(settings, ports, mesh) : EtcdTopology.direct(settings, ports);
        RealEtcd etcd = new RealEtcd(dir, topology, mesh);
        for (int i = 0; i < n; i++) {
            EtcdMemberLauncher launcher = new EtcdMemberLauncher(topology, i);
            launcher.writeBootstrapConfig(etcd.memberDir(i));
            etcd.launchers.add(launcher);
        }
        return etcd;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    Path memberDir(int i) {
        Path member = dir.resolve("member-" + i);
        try {
            Files.createDirectories(member);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return member;
    }

    EtcdMemberLauncher launcher(int i) {
        return launchers.get(i);
    }

    RealEtcd startAll() {
        IntStream.range(0, topology.size()).forEach(this::start);
        return this;
    }

    void start(int i) {
        processes[i] = launchers.get(i).start(memberDir(i), memberDir(i).resolve(EtcdMemberConfig.FILE_NAME));
    }

    /** What the platform's supervisor does: a member whose process ended is started again. True while it runs. */
    boolean restartIfExited(int i) {
        if (!processes[i].isAlive()) {
            start(i);
        }
        return processes[i].isAlive();
    }

    Process process(int i) {
        return processes[i];
    }

    void kill(int i) throws InterruptedException {
        processes[i].destroyForcibly();
        processes[i].waitFor(10, TimeUnit.SECONDS);
    }

    void signal(int i, String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", signal, Long.toString(processes[i].pid())).start().waitFor(5, TimeUnit.SECONDS);
    }

    String log(int i) throws IOException {
        Path log = memberDir(i).resolve(EtcdMemberLauncher.LOG_FILE);
        return Files.exists(log) ? Files.readString(log) : "";
    }

    MemberState state(int i) {
        return probe.poll(i).state();
    }

    /** The one leader all members of {@code among} agree on, once there is one. */
    int awaitLeader(Duration within, int... among) {
        int[] members = among.length > 0 ? among : IntStream.range(0, topology.size()).toArray();
        int[] leader = {-1};
        try {
            await("a leader among " + java.util.Arrays.toString(members)).atMost(within).pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        OptionalInt found = leaderAmong(members);
                        leader[0] = found.orElse(-1);
                        return found.isPresent();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + whatEachMemberSays(members), e);
        }
        return leader[0];
    }

    /** Each member's last answer and the end of its log: what a failed wait for a leader shows. */
    private String whatEachMemberSays(int[] members) {
        StringBuilder said = new StringBuilder();
        for (int m : members) {
            EtcdRoleProbe.Observation o = probe.poll(m);
            said.append("member ").append(m).append(": ").append(o.state()).append(" leader ")
                    .append(Long.toHexString(o.leaderId())).append(o.detail() == null ? "" : " (" + o.detail() + ")")
                    .append('\n');
            try {
                java.util.List<String> lines = log(m).lines().toList();
                lines.subList(Math.max(0, lines.size() - 12), lines.size())
                        .forEach(line -> said.append("  | ").append(line).append('\n'));
            } catch (IOException e) {
                said.append("  (no log: ").append(e.getMessage()).append(")\n");
            }
        }
        return said.toString();
    }

    /** A member of {@code among} that leads, with every other member of {@code among} following it. */
    OptionalInt leaderAmong(int... among) {
        long leaderId = 0;
        int leader = -1;
        for (int m : among) {
            EtcdRoleProbe.Observation o = probe.poll(m);
            if (o.state() != MemberState.LEADER && o.state() != MemberState.FOLLOWER) {
                return OptionalInt.empty();
            }
            if (leaderId != 0 && o.leaderId() != leaderId) {
                return OptionalInt.empty();
            }
            leaderId = o.leaderId();
            if (o.state() == MemberState.LEADER) {
                leader = m;
            }
        }
        return leader < 0 ? OptionalInt.empty() : OptionalInt.of(leader);
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            if (p != null) {
                new ProcessBuilder("kill", "-CONT", Long.toString(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
        probe.close();
        if (mesh != null) {
            mesh.close();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
