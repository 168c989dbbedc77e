package dev.quorumchaos.fault.partition;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** An accepted connection and the one the proxy opened upstream for it. */
final class ProxiedConnection {

    private final Socket downstream;
    private final Socket upstream;
    private final Pump toUpstream;
    private final Pump fromUpstream;
    private final Consumer<ProxiedConnection> onClosed;
    private final ConnectionRouter.Route route;
    private int endedDirections;
    private boolean closed;

    ProxiedConnection(Socket downstream, Socket upstream, ConnectionRouter.Route route,
                      Consumer<ProxiedConnection> onClosed) throws IOException {
        this.downstream = downstream;
        this.upstream = upstream;
        this.onClosed = onClosed;
        this.route = route;
        this.toUpstream = new Pump(route.toUpstream(), upstream.getOutputStream(),
                () -> shutdownOutput(upstream), () -> route.behaviour(LinkProxy.Direction.TO_UPSTREAM), this);
        this.fromUpstream = new Pump(upstream.getInputStream(), downstream.getOutputStream(),
                () -> shutdownOutput(downstream), () -> route.behaviour(LinkProxy.Direction.FROM_UPSTREAM), this);
    }

    ConnectionRouter.Route route() {
        return route;
    }

    void start(Executor threads) {
        threads.execute(toUpstream::read);
        threads.execute(toUpstream::write);
        threads.execute(fromUpstream::read);
        threads.execute(fromUpstream::write);
    }

    void wake() {
        toUpstream.wake();
        fromUpstream.wake();
    }

    /** Both ends closed their side: close normally. */
    void directionEnded() {
        boolean both;
        synchronized (this) {
            both = ++endedDirections == 2;
        }
        if (both) {
            close(false);
        }
    }

    /** Closes both sockets with RST. */
    void abort() {
        close(true);
    }

    private void close(boolean reset) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        toUpstream.stop();
        fromUpstream.stop();
        close(downstream, reset);
        close(upstream, reset);
        onClosed.accept(this);
    }

    static void close(Socket socket, boolean reset) {
        try {
            if (reset) {
                socket.setSoLinger(true, 0); // close() then sends RST instead of FIN
            }
            socket.close();
        } catch (IOException alreadyClosed) {
            // nothing left to close
        }
    }

    private static void shutdownOutput(Socket socket) {
        try {
            socket.shutdownOutput();
        } catch (IOException alreadyClosed) {
            // the connection is being torn down anyway
        }
    }
}
