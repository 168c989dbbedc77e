package dev.quorumchaos.fault.partition;

import dev.quorumchaos.ChaosException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback for one directed link: connections that member A opens to member B.
 * Each direction of the bytes passes, is blackholed, reset or delayed, and a change applies to
 * established connections at once, since ZooKeeper's quorum and election connections live as
 * long as the members do.
 *
 * <p>A connection accepted while either direction is blackholed is held unanswered: the proxy
 * accepts it (the kernel completes the handshake anyway) but opens nothing upstream until the
 * link passes again, so B sees no connection, as behind a DROP of the SYN. A's connect returns
 * where a real one would hang; A's first read times out instead, which ZooKeeper treats alike.
 * A reset in either direction resets the whole connection: behind REJECT in one direction the
 * other end learns it at its next send, from the RST of its peer's kernel; here it learns at once.
 * The handshake itself is not delayed, only the bytes.
 *
 * <p>Blocking sockets, four threads per connection (a reader and a writer per direction, the
 * writer idle while the link passes), from a pool that {@link #close()} empties and joins.
 */
public final class LinkProxy implements AutoCloseable {

    /** The two directions of the bytes of a connection, seen from the member that opened it. */
    public enum Direction { TO_UPSTREAM, FROM_UPSTREAM }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration UPSTREAM_RETRY = Duration.ofMillis(1000);
    private static final Duration UPSTREAM_RETRY_PAUSE = Duration.ofMillis(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** How long a router may wait for a connection's first bytes. */
    private static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(5);
    private static final String THREAD_PREFIX = "link-proxy ";

    private final String name;
    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final List<Thread> threadsStarted = new ArrayList<>();
    private final ExecutorService threads;
    private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile LinkBehaviour toUpstream = LinkBehaviour.pass();
    private volatile LinkBehaviour fromUpstream = LinkBehaviour.pass();
    private boolean closed;

    private final java.util.function.UnaryOperator<java.io.InputStream> toUpstreamFilter;
    /** Null for a proxy of one directed link: its own behaviour then applies to every connection. */
    private final ConnectionRouter router;

    private LinkProxy(String name, InetSocketAddress upstream, ServerSocket listener,
                      java.util.function.UnaryOperator<java.io.InputStream> toUpstreamFilter, ConnectionRouter router) {
        this.name = name;
        this.toUpstreamFilter = toUpstreamFilter;
        this.router = router;
        this.upstream = upstream;
        this.listener = listener;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, THREAD_PREFIX + name + " #" + count.incrementAndGet());
            t.setDaemon(true);
            synchronized (threadsStarted) {
                threadsStarted.removeIf(old -> !old.isAlive());
                threadsStarted.add(t);
            }
            return t;
        });
    }

    /** Listens on an ephemeral loopback port and forwards what it accepts to {@code upstream}. */
    public static LinkProxy open(String name, InetSocketAddress upstream) {
        return open(name, upstream, java.util.function.UnaryOperator.identity());
    }

    /** As {@link #open(String, InetSocketAddress)}, reading what goes upstream through {@code filter}. */
    public static LinkProxy open(String name, InetSocketAddress upstream,
                          java.util.function.UnaryOperator<java.io.InputStream> filter) {
        return open(name, ephemeralLoopback(), upstream, filter, null);
    }

    /**
     * As {@link #open(String, InetSocketAddress, java.util.function.UnaryOperator)}, listening on
     * {@code listen}: ZooKeeper's proxies take the port of the member they lead to, each on a
     * loopback address of its own link, so a name can resolve to the proxy in one member's JVM
     * and to the member itself in its own.
     */
    public static LinkProxy open(String name, InetSocketAddress listen, InetSocketAddress upstream,
                                 java.util.function.UnaryOperator<java.io.InputStream> filter) {
        return open(name, listen, upstream, filter, null);
    }

    private static InetSocketAddress ephemeralLoopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    /**
     * A proxy that several directed links share: {@code router} says, per connection, which link
     * it travels. Such a proxy has no behaviour of its own; after the links' behaviours change,
     * call {@link #routesChanged()} so established connections follow.
     */
    public static LinkProxy openRouted(String name, InetSocketAddress upstream, ConnectionRouter router) {
        return open(name, ephemeralLoopback(), upstream, java.util.function.UnaryOperator.identity(),
                java.util.Objects.requireNonNull(router));
    }

    private static LinkProxy open(String name, InetSocketAddress listen, InetSocketAddress upstream,
                                  java.util.function.UnaryOperator<java.io.InputStream> filter, ConnectionRouter router) {
        ServerSocket listener;
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(listen, 64);
        } catch (IOException e) {
            throw new ChaosException("cannot open the proxy for link " + name + " on " + listen + ": " + e.getMessage(), e);
        }
        LinkProxy proxy = new LinkProxy(name, upstream, listener, filter, router);
        proxy.threads.execute(proxy::acceptLoop);
        return proxy;
    }

    /** The prefix of the names of every proxy thread, to find leftovers. */
    public static String threadPrefix() {
        return THREAD_PREFIX;
    }

    public String name() {
        return name;
    }

    /** Where to connect instead of {@link #upstream()}. */
    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    public InetSocketAddress upstream() {
        return upstream;
    }

    public LinkBehaviour behaviour(Direction direction) {
        return direction == Direction.TO_UPSTREAM ? toUpstream : fromUpstream;
    }

    public void set(Direction direction, LinkBehaviour behaviour) {
        if (direction == Direction.TO_UPSTREAM) {
            set(behaviour, fromUpstream);
        } else {
            set(toUpstream, behaviour);
        }
    }

    /** Changes both directions at once; established connections follow before this returns. */
    public void set(LinkBehaviour towardsUpstream, LinkBehaviour fromUpstream) {
        List<ProxiedConnection> established;
        synchronized (this) {
            this.toUpstream = towardsUpstream;
            this.fromUpstream = fromUpstream;
            notifyAll(); // connections held before their upstream connect
            established = List.copyOf(connections);
        }
        follow(established);
    }

    /** For a routed proxy: the links' behaviours changed; established and held connections follow now. */
    public void routesChanged() {
        List<ProxiedConnection> established;
        synchronized (this) {
            notifyAll();
            established = List.copyOf(connections);
        }
        follow(established);
    }

    private static void follow(List<ProxiedConnection> established) {
        for (ProxiedConnection connection : established) {
            if (resets(connection.route())) {
                connection.abort();
            } else {
                connection.wake();
            }
        }
    }

    public void pass() {
        set(LinkBehaviour.pass(), LinkBehaviour.pass());
    }

    /** Connections proxied now (not counting those held before their upstream connect). */
    public int openConnections() {
        return connections.size();
    }

    private static boolean resets(ConnectionRouter.Route route) {
        return route.behaviour(Direction.TO_UPSTREAM).mode() == LinkBehaviour.Mode.RESET
                || route.behaviour(Direction.FROM_UPSTREAM).mode() == LinkBehaviour.Mode.RESET;
    }

    private static boolean holdsHandshake(ConnectionRouter.Route route) {
        return route.behaviour(Direction.TO_UPSTREAM).mode() == LinkBehaviour.Mode.BLACKHOLE
                || route.behaviour(Direction.FROM_UPSTREAM).mode() == LinkBehaviour.Mode.BLACKHOLE;
    }

    /** The route of every connection of a proxy of one link: the proxy's own behaviour. */
    private ConnectionRouter.Route ownRoute(java.io.InputStream fromDownstream) {
        java.io.InputStream filtered = toUpstreamFilter.apply(fromDownstream);
        return new ConnectionRouter.Route() {
            @Override
            public java.io.InputStream toUpstream() {
                return filtered;
            }

            @Override
            public LinkBehaviour behaviour(Direction direction) {
                return LinkProxy.this.behaviour(direction);
            }
        };
    }

    private ConnectionRouter.Route route(Socket downstream) throws IOException {
        if (router == null) {
            return ownRoute(downstream.getInputStream());
        }
        downstream.setSoTimeout((int) ROUTE_TIMEOUT.toMillis());
        try {
            return router.route(downstream.getInputStream());
        } finally {
            downstream.setSoTimeout(0);
        }
    }

    private void acceptLoop() {
        while (true) {
            Socket accepted;
            try {
                accepted = listener.accept();
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
                continue; // a connection that failed before we got it; the listener is fine
            }
            try {
                threads.execute(() -> connect(accepted));
            } catch (RejectedExecutionException closing) {
                ProxiedConnection.close(accepted, true);
                return;
            }
        }
    }

    private void connect(Socket downstream) {
        Socket up = null;
        try {
            downstream.setTcpNoDelay(true);
            ConnectionRouter.Route route = route(downstream);
            if (!awaitHandshakeAllowed(route)) {
                throw new IOException("link reset or proxy closed");
            }
            up = connectUpstream();
            ProxiedConnection connection = new ProxiedConnection(downstream, up, route, connections::remove);
            synchronized (this) {
                if (closed || resets(route)) {
                    connection.abort();
                    return;
                }
                connections.add(connection);
            }
            connection.start(threads);
        } catch (IOException | InterruptedException | RejectedExecutionException e) {
            // upstream refused (the member is down), the link resets, or the proxy closes
            if (up != null) {
                ProxiedConnection.close(up, true);
            }
            ProxiedConnection.close(downstream, true);
        }
    }

    /**
     * The proxy has already accepted the peer's connection, so a refusal upstream can no longer
     * be passed on as a refusal. A peer dialling a leader that is binding its port this very
     * moment would retry a refused connect; it does not retry an accepted connection that is then
     * reset. So the proxy retries for a moment itself, and resets only a member that stays down.
     */
    private Socket connectUpstream() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + UPSTREAM_RETRY.toNanos();
        while (true) {
            Socket up = new Socket();
            try {
                up.setTcpNoDelay(true);
                up.connect(upstream, (int) CONNECT_TIMEOUT.toMillis());
                return up;
            } catch (java.net.ConnectException refused) {
                ProxiedConnection.close(up, true);
                if (System.nanoTime() > deadline || closed) {
                    throw refused;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(UPSTREAM_RETRY_PAUSE.toNanos());
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    }

    /** Waits while a blackhole would swallow the handshake; false if the connection must be reset. */
    private synchronized boolean awaitHandshakeAllowed(ConnectionRouter.Route route) throws InterruptedException {
        while (!closed && !resets(route) && holdsHandshake(route)) {
            wait();
        }
        return !closed && !resets(route);
    }

    /** Stops listening, resets every connection, and returns once every proxy thread has ended. */
    @Override
    public void close() {
        List<ProxiedConnection> established;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
            established = List.copyOf(connections);
        }
        try {
            listener.close();
        } catch (IOException e) {
            // it stops listening either way
        }
        established.forEach(ProxiedConnection::abort);
        threads.shutdownNow();
        List<Thread> started;
        synchronized (threadsStarted) {
            started = List.copyOf(threadsStarted);
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Thread t : started) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) {
                throw new ChaosException("proxy for link " + name + " did not stop within "
                        + STOP_TIMEOUT.toSeconds() + " s: thread '" + t.getName() + "' is still running");
            }
        }
    }

    @Override
    public String toString() {
        return name + " " + address().getPort() + "->" + upstream.getPort()
                + " (to upstream " + toUpstream + ", from upstream " + fromUpstream + ")";
    }
}
