package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.fault.partition.Partition;
import dev.quorumchaos.fault.partition.UpstreamServer;
import dev.quorumchaos.fault.partition.Wire;
import dev.quorumchaos.fault.partition.Received;
import dev.quorumchaos.fault.partition.DirectedLink;
import dev.quorumchaos.fault.partition.LinkBehaviour;
import dev.quorumchaos.fault.partition.PartitionShape;
import dev.quorumchaos.fault.partition.PartitionShapes;
import dev.quorumchaos.fault.partition.DirectedLink;
import dev.quorumchaos.fault.partition.LinkBehaviour;
import dev.quorumchaos.fault.partition.LinkProxy;
import dev.quorumchaos.fault.partition.Links;
import dev.quorumchaos.fault.partition.PartitionShapes;
import dev.quorumchaos.fault.partition.PartitionShape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Five stand-in members, a connection between every ordered pair on both the quorum and the
 * election port, established before the partition: exactly the directions the shape cuts must be
 * held, the others must flow, and after healing everything held must arrive.
 */
class LinkMeshTest {

    private static final int SIZE = 5;
    private static final Duration HELD = Duration.ofMillis(300);
    private static final Duration ARRIVES = Duration.ofSeconds(3);
    private static final PartitionShapes SHAPES = PartitionShapes.of(SIZE, OptionalInt.of(3));

    private final List<UpstreamServer> servers = new ArrayList<>();
    private final List<MemberPorts> ports = new ArrayList<>();
    private final List<UpstreamServer> quorumServers = new ArrayList<>();
    private final List<UpstreamServer> electionServers = new ArrayList<>();
    private final List<UpstreamServer> clientServers = new ArrayList<>();
    private final List<PeerWire> wires = new ArrayList<>();
    private LinkMesh mesh;

    /** A connection {@code from} opened to {@code to}, and what each end should have received. */
    private static final class PeerWire {
        final int from;
        final int to;
        final Wire wire;
        final StringBuilder expectedAtFar = new StringBuilder();
        final StringBuilder expectedAtNear = new StringBuilder();
        final StringBuilder heldForFar = new StringBuilder();
        final StringBuilder heldForNear = new StringBuilder();

        PeerWire(int from, int to, Wire wire) {
            this.from = from;
            this.to = to;
            this.wire = wire;
        }

        boolean asExpected() {
            return wire.atFar.text().contentEquals(expectedAtFar) && wire.atNear.text().contentEquals(expectedAtNear)
                    && wire.atFar.ending() == null && wire.atNear.ending() == null;
        }

        @Override
        public String toString() {
            return wire + ": far got '" + wire.atFar.text() + "' expected '" + expectedAtFar + "', near got '"
                    + wire.atNear.text() + "' expected '" + expectedAtNear + "'";
        }
    }

    static Stream<PartitionShape> shapes() {
        return Stream.of(SHAPES.isolate(1), SHAPES.isolateLeader(), SHAPES.splitLeaderInMinority(), SHAPES.bridge(),
                SHAPES.oneWay(0, 3), SHAPES.heal());
    }

    @BeforeEach
    void start() throws IOException {
        for (int m = 0; m < SIZE; m++) {
            UpstreamServer client = server();
            UpstreamServer quorum = server();
            UpstreamServer election = server();
            clientServers.add(client);
            quorumServers.add(quorum);
            electionServers.add(election);
            ports.add(new MemberPorts(client.port(), quorum.port(), election.port()));
        }
        mesh = LinkMesh.open(ports);
    }

    private UpstreamServer server() throws IOException {
        UpstreamServer server = UpstreamServer.start();
        servers.add(server);
        return server;
    }

    @AfterEach
    void stop() throws Exception {
        mesh.close();
        for (PeerWire w : wires) {
            w.wire.close();
        }
        for (UpstreamServer server : servers) {
            server.close();
        }
    }

    private void connectEveryPair() throws IOException, InterruptedException {
        for (int from = 0; from < SIZE; from++) {
            for (int to = 0; to < SIZE; to++) {
                if (from != to) {
                    PeerPorts peer = mesh.peerAddress(from, to);
                    wires.add(new PeerWire(from, to, Wire.open(from + "->" + to + " quorum",
                            peer.quorumAddress(), quorumServers.get(to))));
                    wires.add(new PeerWire(from, to, Wire.open(from + "->" + to + " election",
                            peer.electionAddress(), electionServers.get(to))));
                }
            }
        }
    }

    /** Sends {@code probe} both ways on every wire; what {@code shape} cuts is expected to be held. */
    private void send(String probe, PartitionShape shape) throws IOException {
        for (PeerWire w : wires) {
            w.wire.toFar(probe);
            (shape.hears(w.to, w.from) ? w.expectedAtFar : w.heldForFar).append(probe);
            w.wire.toNear(probe);
            (shape.hears(w.from, w.to) ? w.expectedAtNear : w.heldForNear).append(probe);
        }
    }

    private void awaitExpected(String what) {
        await(what).atMost(ARRIVES).untilAsserted(() -> assertThat(wires).allMatch(PeerWire::asExpected));
    }

    private void awaitNothingElse(String what) {
        await(what).during(HELD).atMost(HELD.multipliedBy(3))
                .untilAsserted(() -> assertThat(wires).allMatch(PeerWire::asExpected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void aPartitionHoldsExactlyTheDirectionsItCutsOnEstablishedConnections(PartitionShape shape) throws Exception {
        connectEveryPair();
        PartitionShape none = SHAPES.heal();
        send("before;", none);
        awaitExpected("every direction flows before the partition");

        Partition partition = new Partition(mesh, shape);
        partition.apply();
        send("during;", shape);
        awaitExpected("the directions the shape leaves alone flow");
        awaitNothingElse("the directions the shape cuts are held, and no connection closes");
        long heldDirections = wires.stream()
                .mapToLong(w -> (w.heldForFar.length() > 0 ? 1 : 0) + (w.heldForNear.length() > 0 ? 1 : 0)).sum();
        assertThat(heldDirections).as("a cut link holds one direction of 2 ports x 2 openers")
                .isEqualTo(4L * shape.cuts().size());

        partition.recover();
        for (PeerWire w : wires) {
            w.expectedAtFar.append(w.heldForFar);
            w.expectedAtNear.append(w.heldForNear);
        }
        awaitExpected("what was held arrives after healing, in order");
        send("after;", none);
        awaitExpected("every direction flows after healing");
    }

    @Test
    void aResettingPartitionClosesTheCutConnectionsAndOnlyThose() throws Exception {
        connectEveryPair();
        new Partition(mesh, SHAPES.isolate(0), LinkBehaviour.reset()).apply();

        await().atMost(ARRIVES).until(() -> wires.stream().filter(w -> w.from == 0 || w.to == 0)
                .allMatch(w -> w.wire.atNear.ending() != null && w.wire.atFar.ending() != null));
        List<PeerWire> untouched = wires.stream().filter(w -> w.from != 0 && w.to != 0).toList();
        wires.retainAll(untouched);
        send("still;", SHAPES.heal());
        awaitExpected("connections between the others are untouched");
    }

    @Test
    void clientsCanBeCutFromAMember() throws Exception {
        Wire toOne = Wire.open("clients->1", mesh.clientAddress(1), clientServers.get(1));
        Wire toTwo = Wire.open("clients->2", mesh.clientAddress(2), clientServers.get(2));
        LinkMesh.Cut cut = mesh.cutClients(Set.of(1), LinkBehaviour.blackhole());
        toOne.toFar("read");
        toTwo.toFar("read");

        await().atMost(ARRIVES).until(() -> toTwo.atFar.text().equals("read"));
        await().during(HELD).atMost(HELD.multipliedBy(3)).until(() -> toOne.atFar.text().isEmpty());
        cut.heal();
        await().atMost(ARRIVES).until(() -> toOne.atFar.text().equals("read"));
        toOne.close();
        toTwo.close();
    }

    @Test
    void eachMemberReachesItsOwnRealPortsAndEveryPeerThroughAnAddressOfTheLink() {
        Set<String> seen = new HashSet<>();
        for (int from = 0; from < SIZE; from++) {
            for (int to = 0; to < SIZE; to++) {
                PeerPorts peer = mesh.peerAddress(from, to);
                MemberPorts real = ports.get(to);
                // the port numbers are the member's own everywhere: the server list is one text
                assertThat(peer.quorum()).isEqualTo(real.quorum());
                assertThat(peer.election()).isEqualTo(real.election());
                if (from == to) {
                    assertThat(peer.host()).isEqualTo("127.0.0.1");
                } else {
                    assertThat(seen.add(peer.host())).as("an address of its own").isTrue();
                    assertThat(peer.host()).isEqualTo("127.1." + (from + 1) + "." + (to + 1));
                }
            }
            assertThat(mesh.clientAddress(from).getPort()).isNotEqualTo(ports.get(from).client());
        }
    }

    @Test
    void eachMembersHostsFileNamesItselfAndItsLinks() {
        assertThat(MemberNames.hostsFile(1, true)).contains("127.0.0.1 member-1\n", "127.1.2.1 member-0\n",
                "127.1.2.3 member-2\n", "127.1.2.9 member-8\n");
        assertThat(MemberNames.hostsFile(1, false)).contains("127.0.0.1 member-0\n", "127.0.0.1 member-2\n");
    }

    @Test
    void aMemberAddedLaterIsLinkedBothWaysAndRemovingItClosesItsLinks() throws Exception {
        UpstreamServer quorum = server();
        UpstreamServer election = server();
        UpstreamServer client = server();
        int added = mesh.add(new MemberPorts(client.port(), quorum.port(), election.port()));
        assertThat(added).isEqualTo(SIZE);
        assertThat(mesh.size()).isEqualTo(SIZE + 1);
        Wire toNew = Wire.open("0->" + added, mesh.peerAddress(0, added).quorumAddress(), quorum);
        wires.add(new PeerWire(0, added, toNew));
        Wire fromNew = Wire.open(added + "->1", mesh.peerAddress(added, 1).quorumAddress(), quorumServers.get(1));
        wires.add(new PeerWire(added, 1, fromNew));
        LinkMesh.Cut cut = mesh.cut(Set.of(new DirectedLink(0, added), new DirectedLink(added, 1)), LinkBehaviour.blackhole());
        assertThat(mesh.impairedLinks()).containsKeys("0->" + added, added + "->1");
        cut.heal();

        InetSocketAddress gone = mesh.peerAddress(0, added).quorumAddress();
        mesh.removeLast();

        assertThat(mesh.size()).isEqualTo(SIZE);
        assertThatThrownBy(() -> Wire.connect(gone).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> mesh.peerAddress(0, added)).hasMessageContaining("no member " + added);
    }

    @Test
    void overlappingCutsHealSeparatelyAndTheLaterOneRules() {
        LinkMesh.Cut isolateZero = mesh.cut(SHAPES.isolate(0).cuts(), LinkBehaviour.blackhole());
        LinkMesh.Cut slowOneToZero = mesh.cut(Set.of(new DirectedLink(1, 0)), LinkBehaviour.delay(Duration.ofMillis(50)));
        assertThat(mesh.impairedLinks()).hasSize(8).containsEntry("1->0", LinkBehaviour.delay(Duration.ofMillis(50)));

        isolateZero.heal();
        assertThat(mesh.impairedLinks()).isEqualTo(Map.of("1->0", LinkBehaviour.delay(Duration.ofMillis(50))));
        isolateZero.heal();
        slowOneToZero.heal();
        assertThat(mesh.impairedLinks()).isEmpty();
    }

    @Test
    void closingTheMeshStopsEveryProxy() throws Exception {
        connectEveryPair();
        LinkMesh.Cut cut = mesh.cut(SHAPES.isolate(2).cuts(), LinkBehaviour.blackhole());
        InetSocketAddress peer = mesh.peerAddress(0, 1).quorumAddress();

        mesh.close();

        assertThatThrownBy(() -> Wire.connect(peer).close()).isInstanceOf(ConnectException.class);
        await().atMost(ARRIVES).until(() -> wires.stream().allMatch(w -> w.wire.atNear.ending() != null));
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(
                t -> t.isAlive() && t.getName().startsWith(LinkProxy.threadPrefix()));
        cut.heal(); // the target is gone: nothing to heal, and no error
        mesh.close();
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }
}
