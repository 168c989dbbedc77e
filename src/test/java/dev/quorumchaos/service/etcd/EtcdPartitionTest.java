package dev.quorumchaos.service.etcd;

import dev.quorumchaos.fault.partition.DirectedLink;
import dev.quorumchaos.fault.partition.LinkBehaviour;
import dev.quorumchaos.history.MemberState;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Partitions of real etcd members through their inbound peer proxies. */
class EtcdPartitionTest {

    @TempDir
    Path dir;

    private static final ByteSequence KEY = ByteSequence.from("k", StandardCharsets.UTF_8);

    private static Client clientOf(RealEtcd etcd, int member) {
        // through the member's client proxy, which the isolation leaves open: the member itself must refuse
        return Client.builder().endpoints(etcd.topology.clientUrl(member)).retryMaxAttempts(0).build();
    }

    @Test
    void isolatingTheLeaderElectsANewOneAndTheIsolatedMemberServesNoLinearizableRead() throws Exception {
        try (RealEtcd etcd = RealEtcd.create(dir, 3, true).startAll()) {
            int leader = etcd.awaitLeader(Duration.ofSeconds(20));
            int[] rest = IntStream.range(0, 3).filter(i -> i != leader).toArray();
            long oldLeaderId = etcd.probe.poll(leader).memberId();
            assertThat(etcd.mesh.attributedConnections()).as("raft connections attributed to their senders").isPositive();

            long cut = System.nanoTime();
            var isolation = etcd.mesh.cut(DirectedLink.between(List.of(leader), List.of(rest[0], rest[1])),
                    LinkBehaviour.blackhole());
            int next = etcd.awaitLeader(Duration.ofSeconds(20), rest);
            System.out.printf("etcd: new leader %d ms after the leader was isolated%n", (System.nanoTime() - cut) / 1_000_000);
            assertThat(next).isNotEqualTo(leader);

            try (Client isolated = clientOf(etcd, leader); Client majority = clientOf(etcd, next)) {
                await("the isolated member knows no leader").atMost(Duration.ofSeconds(10))
                        .until(() -> etcd.state(leader) == MemberState.LOOKING);
                assertThatThrownBy(() -> isolated.getKVClient().get(KEY).get(2, TimeUnit.SECONDS))
                        .as("a linearizable read needs the leader's confirmation");
                majority.getKVClient().put(KEY, ByteSequence.from("v", StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
            }

            isolation.heal();
            await("one leader followed by all three again").atMost(Duration.ofSeconds(20))
                    .until(() -> etcd.leaderAmong(0, 1, 2).isPresent());
            assertThat(etcd.probe.poll(etcd.awaitLeader(Duration.ofSeconds(1))).leaderId()).isNotEqualTo(oldLeaderId);
            assertThat(etcd.mesh.impairedLinks()).isEmpty();
        }
    }

    @Test
    void aOneWayCutStopsOnlyTheLeadersMessagesToOneFollower() throws Exception {
        try (RealEtcd etcd = RealEtcd.create(dir, 3, true).startAll()) {
            int leader = etcd.awaitLeader(Duration.ofSeconds(20));
            int deaf = (leader + 1) % 3;
            int other = (leader + 2) % 3;
            long leaderId = etcd.probe.poll(leader).memberId();

            var cut = etcd.mesh.cut(Set.of(new DirectedLink(leader, deaf)), LinkBehaviour.blackhole());

            assertThat(etcd.mesh.impairedLinks()).containsOnlyKeys(leader + "->" + deaf);
            await("the member that no longer hears the leader stops following it").atMost(Duration.ofSeconds(10))
                    .until(() -> etcd.probe.poll(deaf).leaderId() != leaderId);
            assertThat(etcd.state(other)).isIn(MemberState.FOLLOWER, MemberState.LEADER, MemberState.LOOKING);

            cut.heal();
            await("all three follow one leader once healed").atMost(Duration.ofSeconds(20))
                    .until(() -> etcd.leaderAmong(0, 1, 2).isPresent());
        }
    }
}
