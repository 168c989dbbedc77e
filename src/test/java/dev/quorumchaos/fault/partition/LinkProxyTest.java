package dev.quorumchaos.fault.partition;

import dev.quorumchaos.fault.partition.LinkProxy.Direction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class LinkProxyTest {

    /** How long bytes must stay away before we call them held; far above loopback latency. */
    private static final Duration HELD = Duration.ofMillis(300);

    private UpstreamServer upstream;
    private LinkProxy proxy;
    private final List<Wire> wires = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        upstream = UpstreamServer.start();
        proxy = LinkProxy.open("0->1 test", upstream.address());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        for (Wire wire : wires) {
            wire.close();
        }
        upstream.close();
    }

    private Wire wire() throws IOException, InterruptedException {
        Wire wire = Wire.open("wire " + wires.size(), proxy.address(), upstream);
        wires.add(wire);
        return wire;
    }

    @Test
    void passesBytesBothWays() throws Exception {
        Wire wire = wire();
        wire.toFar("hello");
        wire.toNear("world");
        await("bytes through the proxy").atMost(Duration.ofSeconds(2))
                .until(() -> wire.atFar.text().equals("hello") && wire.atNear.text().equals("world"));
        assertThat(proxy.openConnections()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void blackholeHoldsTheBytesOfAnEstablishedConnectionUntilHealed(Direction cut) throws Exception {
        Wire wire = wire();
        wire.toFar("a");
        wire.toNear("a");
        await().atMost(Duration.ofSeconds(2)).until(() -> wire.atFar.text().equals("a") && wire.atNear.text().equals("a"));

        proxy.set(cut, LinkBehaviour.blackhole());
        wire.toFar("b");
        wire.toNear("b");
        Received cutEnd = cut == Direction.TO_UPSTREAM ? wire.atFar : wire.atNear;
        Received openEnd = cut == Direction.TO_UPSTREAM ? wire.atNear : wire.atFar;
        await("the other direction still flows").atMost(Duration.ofSeconds(2)).until(() -> openEnd.text().equals("ab"));
        await("bytes in the cut direction held").during(HELD).atMost(HELD.multipliedBy(3))
                .until(() -> cutEnd.text().equals("a") && cutEnd.ending() == null && openEnd.ending() == null);
        assertThat(proxy.openConnections()).isEqualTo(1);

        proxy.pass();
        await("held bytes delivered after healing").atMost(Duration.ofSeconds(2)).until(() -> cutEnd.text().equals("ab"));
        wire.toFar("c");
        wire.toNear("c");
        await("bytes flow again").atMost(Duration.ofSeconds(2))
                .until(() -> wire.atFar.text().equals("abc") && wire.atNear.text().equals("abc"));
    }

    @Test
    void blackholeHoldsTheEndOfTheStreamToo() throws Exception {
        Wire wire = wire();
        proxy.set(Direction.TO_UPSTREAM, LinkBehaviour.blackhole());
        wire.toFar("last words");
        wire.near.shutdownOutput();
        await("neither bytes nor the close reach upstream").during(HELD).atMost(HELD.multipliedBy(3))
                .until(() -> wire.atFar.text().isEmpty() && wire.atFar.ending() == null);

        proxy.pass();
        await().atMost(Duration.ofSeconds(2))
                .until(() -> wire.atFar.text().equals("last words") && "end of stream".equals(wire.atFar.ending()));
    }

    @Test
    void aConnectionOpenedDuringABlackholeReachesUpstreamOnlyAfterHealing() throws Exception {
        proxy.set(Direction.FROM_UPSTREAM, LinkBehaviour.blackhole());
        Socket near = Wire.connect(proxy.address());
        near.getOutputStream().write('x');
        assertThat(upstream.pollConnection(HELD)).as("upstream sees no connection while blackholed").isEmpty();

        proxy.pass();
        Socket far = upstream.nextConnection();
        far.setSoTimeout(2000);
        assertThat(far.getInputStream().read()).as("the byte sent meanwhile").isEqualTo('x');
        near.close();
    }

    @Test
    void resetClosesEstablishedConnectionsWithRstAndResetsNewOnes() throws Exception {
        Wire first = wire();
        Wire second = wire();
        proxy.set(Direction.FROM_UPSTREAM, LinkBehaviour.reset());
        await("both ends of both connections reset").atMost(Duration.ofSeconds(2)).until(() ->
                List.of(first.atNear, first.atFar, second.atNear, second.atFar).stream()
                        .allMatch(r -> r.ending() != null));
        assertThat(first.atNear.ending()).as("RST, not FIN").isNotEqualTo("end of stream");
        assertThat(first.atFar.ending()).as("RST, not FIN").isNotEqualTo("end of stream");
        assertThat(proxy.openConnections()).isZero();

        assertReset(proxy.address());
        assertThat(upstream.pollConnection(Duration.ofMillis(100))).isEmpty();

        proxy.pass();
        Wire after = wire();
        after.toFar("again");
        await().atMost(Duration.ofSeconds(2)).until(() -> after.atFar.text().equals("again"));
    }

    @Test
    void delayAddsAtLeastTheDelayEachWay() throws Exception {
        Wire wire = wire();
        Duration delay = Duration.ofMillis(80);
        proxy.set(LinkBehaviour.delay(delay), LinkBehaviour.delay(delay));

        long start = System.nanoTime();
        wire.toFar("ping");
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(1)).until(() -> wire.atFar.text().equals("ping"));
        wire.toNear("pong");
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(1)).until(() -> wire.atNear.text().equals("pong"));
        Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);

        assertThat(roundTrip).isGreaterThanOrEqualTo(delay.multipliedBy(2));
    }

    @Test
    void delayedChunksWaitTheirOwnDelayNotEachOthers() throws Exception {
        Wire wire = wire();
        Duration delay = Duration.ofMillis(100);
        proxy.set(Direction.TO_UPSTREAM, LinkBehaviour.delay(delay));
        StringBuilder sent = new StringBuilder();
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            wire.toFar(i + ";");
            sent.append(i).append(';');
        }
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(1))
                .until(() -> wire.atFar.text().equals(sent.toString()));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(elapsed).isGreaterThanOrEqualTo(delay).isLessThan(delay.multipliedBy(5));
    }

    @Test
    void aMemberThatIsDownLooksRefused() throws Exception {
        ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        InetSocketAddress nobody = new InetSocketAddress(gone.getInetAddress(), gone.getLocalPort());
        gone.close();
        try (LinkProxy toNobody = LinkProxy.open("0->2 down", nobody)) {
            assertReset(toNobody.address());
        }
    }

    @Test
    void closeStopsListeningResetsConnectionsAndEndsEveryThread() throws Exception {
        Wire established = wire();
        proxy.set(Direction.TO_UPSTREAM, LinkBehaviour.blackhole());
        Socket held = Wire.connect(proxy.address());
        held.setSoTimeout(2000);
        InetSocketAddress address = proxy.address();
        assertThat(proxyThreads()).isNotEmpty();

        proxy.close();

        assertThatThrownBy(() -> Wire.connect(address).close()).isInstanceOf(ConnectException.class);
        await().atMost(Duration.ofSeconds(2)).until(() -> established.atNear.ending() != null);
        assertThatThrownBy(() -> held.getInputStream().read()).isNotInstanceOf(SocketTimeoutException.class);
        assertThat(proxyThreads()).as("threads left by close()").isEmpty();
        held.close();
    }

    /** Connecting gets RST, at once or at the first read: never a timeout, never a clean close. */
    private static void assertReset(InetSocketAddress address) {
        assertThatThrownBy(() -> {
            try (Socket socket = Wire.connect(address)) {
                socket.setSoTimeout(2000);
                socket.getInputStream().read();
            }
        }).isInstanceOf(IOException.class).isNotInstanceOf(SocketTimeoutException.class);
    }

    private List<String> proxyThreads() {
        String prefix = LinkProxy.threadPrefix() + proxy.name();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(prefix))
                .toList();
    }
}
