package dev.quorumchaos.service.etcd;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.history.MemberState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** etcd members as real processes: configured, started, killed, paused and restarted with their data. */
class EtcdMembersTest {

    @TempDir
    Path dir;

    @Test
    void memberIOfNListensOnLoopbackOnlyAndBootstrapsTheWholeCluster() {
        EtcdSettings settings = new EtcdSettings(Path.of("/usr/bin/etcd"), Duration.ofMillis(50), Duration.ofMillis(500), "t");
        EtcdTopology topology = EtcdTopology.direct(settings,
                List.of(new EtcdPorts(2379, 2380), new EtcdPorts(12379, 12380), new EtcdPorts(22379, 22380)));

        String config = topology.bootstrapConfig(1, dir.resolve("member-1")).render();

        assertThat(config).contains("name: member-1\n", "data-dir: " + dir.resolve("member-1").resolve("data") + "\n",
                "listen-peer-urls: http://127.0.0.1:12380\n", "listen-client-urls: http://127.0.0.1:12379\n",
                "initial-advertise-peer-urls: http://127.0.0.1:12380\n",
                "initial-cluster: member-0=http://127.0.0.1:2380,member-1=http://127.0.0.1:12380,member-2=http://127.0.0.1:22380\n",
                "initial-cluster-state: new\n", "initial-cluster-token: t\n",
                "heartbeat-interval: 50\n", "election-timeout: 500\n", "enable-pprof: false\n");
        assertThat(config).doesNotContain("0.0.0.0", "listen-metrics-urls");
        assertThat(topology.joiningConfig(1, dir, "member-1=http://127.0.0.1:12380").render())
                .contains("initial-cluster-state: existing\n", "initial-cluster: member-1=http://127.0.0.1:12380\n");
    }

    @Test
    void timingsEtcdWouldRefuseAreBadInputBeforeAnythingStarts() {
        assertThatThrownBy(() -> new EtcdSettings(Path.of("etcd"), Duration.ofMillis(100), Duration.ofMillis(400), "t"))
                .isInstanceOf(ChaosException.class).matches(e -> ((ChaosException) e).badInput())
                .hasMessageContaining("at least 5 heartbeats");
    }

    @Test
    void threeMembersElectALeaderAndReplaceOneKilledWithSigkill() throws Exception {
        try (RealEtcd etcd = RealEtcd.create(dir, 3, false)) {
            long start = System.nanoTime();
            etcd.startAll();
            int leader = etcd.awaitLeader(Duration.ofSeconds(20));
            long quorumMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(etcd.process(0).info().commandLine().orElse("")).contains("--config-file", dir.toString());

            long killed = System.nanoTime();
            etcd.kill(leader);
            assertThat(etcd.state(leader)).isEqualTo(MemberState.DOWN);
            int[] rest = java.util.stream.IntStream.range(0, 3).filter(i -> i != leader).toArray();
            int next = etcd.awaitLeader(Duration.ofSeconds(20), rest);
            long electionMs = (System.nanoTime() - killed) / 1_000_000;
            System.out.printf("etcd: 3 members to quorum in %d ms; new leader %d ms after SIGKILL of the leader%n",
                    quorumMs, electionMs);
            assertThat(next).isNotEqualTo(leader);

            long oldId = etcd.probe.poll(next).memberId();
            etcd.start(leader); // restarted with its data: same member, follows
            await("the killed member back as a follower").atMost(Duration.ofSeconds(20))
                    .until(() -> etcd.state(leader) == MemberState.FOLLOWER);
            assertThat(etcd.probe.poll(next).memberId()).isEqualTo(oldId);
        }
    }

    @Test
    void aPausedMemberIsUnresponsiveAndComesBackOnSigcont() throws Exception {
        try (RealEtcd etcd = RealEtcd.create(dir, 3, false)) {
            etcd.startAll();
            int leader = etcd.awaitLeader(Duration.ofSeconds(20));
            int follower = (leader + 1) % 3;

            etcd.signal(follower, "-STOP");
            assertThat(etcd.probe.poll(follower).state()).isEqualTo(MemberState.UNRESPONSIVE);
            assertThat(etcd.process(follower).isAlive()).isTrue();

            etcd.signal(follower, "-CONT");
            await("the paused member answers again").atMost(Duration.ofSeconds(10))
                    .until(() -> etcd.state(follower) == MemberState.FOLLOWER);
        }
    }

    @Test
    void aMemberWhoseDataIsGoneCannotBeReplacedWithoutAQuorumAndSaysWhy() throws Exception {
        try (RealEtcd etcd = RealEtcd.create(dir, 3, false)) {
            etcd.startAll();
            etcd.awaitLeader(Duration.ofSeconds(20));
            etcd.kill(0);
            etcd.kill(1);
            etcd.kill(2);
            dev.quorumchaos.service.etcd.FileTrees.delete(EtcdTopology.dataDir(etcd.memberDir(2)));

            etcd.start(2);

            assertThat(etcd.process(2).waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(etcd.process(2).exitValue()).isEqualTo(1);
            assertThat(etcd.log(2)).containsAnyOf("cannot replace etcd member 2", "no quorum to re-add member 2");
            assertThat(EtcdMemberLauncher.holdsData(EtcdTopology.dataDir(etcd.memberDir(2)))).isFalse();
        }
    }

    @Test
    void aMemberWhoseDataIsGoneRejoinsUnderANewIdAndCatchesUp() throws Exception {
        try (RealEtcd etcd = RealEtcd.create(dir, 3, false);
             io.etcd.jetcd.Client client = io.etcd.jetcd.Client.builder()
                     .endpoints(java.util.stream.IntStream.range(0, 3).mapToObj(etcd.topology::realClientUrl).toArray(URI[]::new))
                     .build()) {
            etcd.startAll();
            int leader = etcd.awaitLeader(Duration.ofSeconds(20));
            int victim = (leader + 1) % 3;
            long oldId = etcd.probe.poll(victim).memberId();
            client.getKVClient().put(bytes("before"), bytes("kept")).get();

            etcd.kill(victim);
            FileTrees.delete(EtcdTopology.dataDir(etcd.memberDir(victim)));
            etcd.start(victim);

            // etcd refuses MemberAdd until the leader has been connected to every voting member for
            // 5 s ("unhealthy cluster"): the start fails and is retried, as the platform's supervisor does
            await("the replaced member follows").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> etcd.restartIfExited(victim) && etcd.state(victim) == MemberState.FOLLOWER);
            long newId = etcd.probe.poll(victim).memberId();
            assertThat(newId).isNotEqualTo(oldId);
            assertThat(etcd.topology.ids().ordinalOf(newId)).hasValue(victim);
            assertThat(etcd.launcher(victim).lastReplacement()).hasValueSatisfying(d -> assertThat(d)
                    .contains("removed its old member id " + EtcdMemberIds.hex(oldId))
                    .contains("added it back as " + EtcdMemberIds.hex(newId)).contains("existing"));
            assertThat(client.getClusterClient().listMember().get().getMembers())
                    .extracting(io.etcd.jetcd.cluster.Member::getId).hasSize(3).contains(newId).doesNotContain(oldId);
            assertThat(etcd.memberDir(victim).resolve(EtcdMemberConfig.FILE_NAME)).content().contains("initial-cluster-state: existing");
        }
    }

    static io.etcd.jetcd.ByteSequence bytes(String s) {
        return io.etcd.jetcd.ByteSequence.from(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
