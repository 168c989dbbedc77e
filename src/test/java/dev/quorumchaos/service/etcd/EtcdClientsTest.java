package dev.quorumchaos.service.etcd;

import dev.quorumchaos.check.Outcome;
import dev.quorumchaos.check.consistency.LinearizabilityCheck;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.Operation;
import dev.quorumchaos.workload.MemberContents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The etcd clients, the durability read and the data reset against real members. */
class EtcdClientsTest {

    @TempDir
    Path dir;

    private static List<URI> clientUrls(RealEtcd etcd) {
        return IntStream.range(0, etcd.topology.size()).mapToObj(etcd.topology::clientUrl).toList();
    }

    private static long count(History history, Operation.Fn f, Operation.Type type) {
        return history.operations().stream().filter(o -> o.f() == f && o.type() == type).count();
    }

    @Test
    void writersAndRegisterClientsRecordWhatEtcdAnsweredAndWhichMemberAnswered() throws Exception {
        try (RealEtcd etcd = RealEtcd.create(dir, 3, false).startAll()) {
            etcd.awaitLeader(Duration.ofSeconds(20));
            IntStream.range(0, 3).forEach(etcd.probe::poll); // learns each member's id
            History history = new History();
            EtcdWriterClient writer = new EtcdWriterClient(0, clientUrls(etcd), "/orders", Duration.ofMillis(20), history,
                    etcd.topology.ids());
            EtcdRegisterClient registers = new EtcdRegisterClient(1, clientUrls(etcd), List.of("/registers/r0"),
                    Duration.ofMillis(20), history, etcd.topology.ids(), 7);
            try (writer; registers) {
                writer.start();
                registers.start();
                await("writes, reads and compare-and-sets acknowledged").atMost(Duration.ofSeconds(20))
                        .until(() -> count(history, Operation.Fn.WRITE, Operation.Type.OK) >= 5
                                && count(history, Operation.Fn.CAS, Operation.Type.OK) >= 5);
            }

            List<Operation> ops = history.operations();
            assertThat(ops).filteredOn(o -> o.type() == Operation.Type.OK).extracting(Operation::member)
                    .as("the answering member, from the response header").allMatch(m -> m >= 0 && m < 3);
            assertThat(ops).filteredOn(o -> o.f() == Operation.Fn.READ && o.type() == Operation.Type.OK
                            && o.key().startsWith("/orders/"))
                    .allMatch(o -> o.value().equals("p0-" + o.key().substring("/orders/0-".length())));
            assertThat(ops).filteredOn(o -> o.f() == Operation.Fn.CAS && o.type() == Operation.Type.OK)
                    .as("the register is created by a compare-and-set from absent, then moved on from what was read")
                    .anyMatch(o -> o.expected() == null).anyMatch(o -> o.expected() != null);
            assertThat(new LinearizabilityCheck().check(history).outcome()).isEqualTo(Outcome.PASS);

            List<MemberContents> contents = EtcdContents.readEveryMember(etcd.topology, Set.of("/orders"),
                    Duration.ofSeconds(5));
            long acknowledged = count(history, Operation.Fn.WRITE, Operation.Type.OK);
            assertThat(contents).allSatisfy(c -> {
                assertThat(c.readable()).isTrue();
                assertThat(c.keys()).hasSizeGreaterThanOrEqualTo((int) acknowledged).allMatch(k -> k.startsWith("/orders/"));
            });

            EtcdContents.emptyAll(etcd.topology, Duration.ofSeconds(5));
            EtcdContents.emptyAll(etcd.topology, Duration.ofSeconds(5)); // twice: nothing left to compact is fine
            assertThat(EtcdContents.readEveryMember(etcd.topology, Set.of("/orders", "/registers"), Duration.ofSeconds(5)))
                    .allSatisfy(c -> assertThat(c.keys()).isEmpty());
        }
    }

    @Test
    void writesToADeadMemberFailUnsentAndItsContentsCannotBeRead() throws Exception {
        try (RealEtcd etcd = RealEtcd.create(dir, 3, false).startAll()) {
            int leader = etcd.awaitLeader(Duration.ofSeconds(20));
            int dead = (leader + 1) % 3;
            etcd.kill(dead);
            History history = new History();
            try (EtcdWriterClient writer = new EtcdWriterClient(0, List.of(etcd.topology.clientUrl(dead)), "/orders",
                    Duration.ofMillis(20), history, etcd.topology.ids())) {
                writer.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> count(history, Operation.Fn.WRITE, Operation.Type.FAIL) >= 3);
            }
            assertThat(history.operations()).filteredOn(o -> o.f() == Operation.Fn.WRITE && !o.isInvoke())
                    .allSatisfy(o -> assertThat(o.error()).startsWith("not sent: UNAVAILABLE"));

            List<MemberContents> contents = EtcdContents.readEveryMember(etcd.topology, Set.of("/orders"),
                    Duration.ofSeconds(1));
            assertThat(contents.get(dead).readable()).as("a member that cannot be read makes durability UNKNOWN").isFalse();
            assertThat(contents.get(leader).readable()).isTrue();
        }
    }
}
