package dev.quorumchaos.service.etcd;

import dev.quorumchaos.fault.partition.DirectedLink;
import dev.quorumchaos.fault.partition.LinkBehaviour;
import dev.quorumchaos.fault.partition.LinkProxy.Direction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Attribution of peer connections from hand-written rafthttp requests, as etcd 3.4 sends them. */
class SenderRouteTest {

    private EtcdPeerMesh mesh;

    @BeforeEach
    void open() {
        // nothing listens upstream: these tests only route, they never connect
        mesh = EtcdPeerMesh.open(List.of(new EtcdPorts(1, 2), new EtcdPorts(3, 4), new EtcdPorts(5, 6)));
    }

    @AfterEach
    void close() {
        mesh.close();
    }

    private String streamDial(int from, String id) {
        return "GET /raft/stream/message/" + id + " HTTP/1.1\r\nHost: x\r\nUser-Agent: Go-http-client/1.1\r\n"
                + "X-Etcd-Cluster-Id: 2f2a8034dbc5e70c\r\nX-Min-Cluster-Version: 3.0.0\r\n"
                + "X-Peerurls: " + mesh.peerUrl(from) + "\r\nX-Raft-To: 8f00fc219b89e086\r\n"
                + "X-Server-From: " + id + "\r\nX-Server-Version: 3.4.23\r\nAccept-Encoding: gzip\r\n\r\n";
    }

    private static final String PROBE = "GET /raft/probing HTTP/1.1\r\nHost: x\r\nUser-Agent: Go-http-client/1.1\r\n\r\n";

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aStreamDialIsTheSendersAndFollowsItsLinkBothWays() throws Exception {
        SenderRoute route = SenderRoute.read(mesh, 1, bytes(streamDial(0, "ef0b60586d83f75d")));
        mesh.cut(Set.of(new DirectedLink(1, 0)), LinkBehaviour.blackhole());

        assertThat(route.source()).isEqualTo(0);
        assertThat(route.behaviour(Direction.TO_UPSTREAM)).isEqualTo(LinkBehaviour.pass()); // 0->1 passes
        assertThat(route.behaviour(Direction.FROM_UPSTREAM)).isEqualTo(LinkBehaviour.blackhole()); // 1->0 cut
        assertThat(new String(route.toUpstream().readAllBytes(), StandardCharsets.ISO_8859_1))
                .as("the head read to route it still goes upstream, unchanged").isEqualTo(streamDial(0, "ef0b60586d83f75d"));
    }

    @Test
    void anIdLearntFromOneRequestAttributesTheNextWithoutItsUrl() throws Exception {
        SenderRoute.read(mesh, 1, bytes(
                "POST /raft HTTP/1.1\r\nX-Server-From: 467f80ebdbb7ca06\r\nX-Peerurls: " + mesh.peerUrl(2) + "\r\n\r\n"));

        SenderRoute route = SenderRoute.read(mesh, 0, bytes("POST /raft HTTP/1.1\r\nX-Server-From: 467f80ebdbb7ca06\r\n\r\n"));

        assertThat(route.source()).isEqualTo(2);
    }

    @Test
    void aConnectionNoRequestNamesTakesTheWorstLinkIntoTheMemberUntilOneDoes() throws Exception {
        mesh.cut(Set.of(new DirectedLink(2, 1)), LinkBehaviour.blackhole());
        // the pooled connection's next request comes after the probe's answer: a later read
        SenderRoute route = SenderRoute.read(mesh, 1,
                new java.io.SequenceInputStream(bytes(PROBE), bytes(streamDial(0, "ef0b60586d83f75d"))));

        assertThat(route.source()).as("the probe names no sender").isEqualTo(-1);
        assertThat(route.behaviour(Direction.TO_UPSTREAM)).as("it may be member 2's").isEqualTo(LinkBehaviour.blackhole());

        route.toUpstream().readAllBytes(); // the proxy pumps the pooled connection's next request

        assertThat(route.source()).isEqualTo(0);
        assertThat(route.behaviour(Direction.TO_UPSTREAM)).isEqualTo(LinkBehaviour.pass());
    }

    @Test
    void nothingButAProbeStaysUnattributedAndPassesOnlyWhileNoLinkOfTheMemberIsCut() throws Exception {
        SenderRoute route = SenderRoute.read(mesh, 1, bytes(PROBE));
        route.toUpstream().readAllBytes();

        assertThat(route.behaviour(Direction.FROM_UPSTREAM)).isEqualTo(LinkBehaviour.pass());
        mesh.cut(Set.of(new DirectedLink(1, 2)), LinkBehaviour.reset());
        assertThat(route.source()).isEqualTo(-1);
        assertThat(route.behaviour(Direction.FROM_UPSTREAM)).isEqualTo(LinkBehaviour.reset());
        assertThat(route.behaviour(Direction.TO_UPSTREAM)).isEqualTo(LinkBehaviour.pass());
    }
}
