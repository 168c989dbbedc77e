package dev.quorumchaos.fault.partition;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Stands in for a member's port: accepts connections and hands the test their upstream end. */
public final class UpstreamServer implements AutoCloseable {

    private final ServerSocket server;
    private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private final List<Socket> all = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private UpstreamServer(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::accept, "test-upstream " + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static UpstreamServer start() throws IOException {
        return new UpstreamServer(new ServerSocket(0, 64, InetAddress.getLoopbackAddress()));
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The upstream end of the next connection the proxy opens. */
    public Socket nextConnection() throws InterruptedException {
        return pollConnection(Duration.ofSeconds(5))
                .orElseThrow(() -> new AssertionError("no connection reached upstream port " + port()));
    }

    Optional<Socket> pollConnection(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(accepted.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void accept() {
        while (true) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                all.add(socket);
                accepted.add(socket);
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        for (Socket socket : all) {
            socket.close();
        }
        acceptor.join();
    }
}
