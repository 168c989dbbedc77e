package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.history.History;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

/**
 * A client that does one thing at a steady pace over one ZooKeeper session, recording what it
 * does in the history. Subclasses say what one tick does; the session, its renewal and the pace
 * live here.
 */
public abstract class PacedClient implements AutoCloseable {

    public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);
    public static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(5);

    protected final int process;
    protected final History history;
    private final String connectString;
    private final IntUnaryOperator memberOfPort;
    private final Duration interval;
    private final ScheduledExecutorService pacer;
    private ObservedZooKeeper zk;
    private long lastConnectedNanos = System.nanoTime();
    /** Twice the session timeout without a connection: the session is as good as expired. */
    private static final Duration STRANDED = SESSION_TIMEOUT.multipliedBy(2);

    PacedClient(String name, int process, String connectString, Duration interval, History history,
                IntUnaryOperator memberOfPort) {
        this.process = process;
        this.history = history;
        this.connectString = connectString;
        this.memberOfPort = memberOfPort;
        this.interval = interval;
        try {
            this.zk = new ObservedZooKeeper(connectString, (int) SESSION_TIMEOUT.toMillis());
        } catch (IOException e) {
            throw new ChaosException("cannot create a ZooKeeper client for " + connectString + ": " + e.getMessage(), e);
        }
        this.pacer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-" + process);
            t.setDaemon(true);
            return t;
        });
    }

    /** Fixed delay, not rate: after a stall the client resumes its pace instead of bursting. */
    public void start() {
        pacer.scheduleWithFixedDelay(() -> {
            try {
                renewExpiredSession();
                tick();
            } catch (RuntimeException e) {
                // a failed tick must not end the client: the executor would cancel every later one
                System.err.println("chaos: client " + process + ": " + e);
            }
        }, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** One round of the client's work; runs on the pacer's thread. */
    protected abstract void tick();

    protected ObservedZooKeeper zk() {
        return zk;
    }

    /** The member the session is connected to now, or -1 while it is not connected. */
    protected int member() {
        if (!zk.getState().isConnected()) {
            return -1;
        }
        int port = zk.remotePort();
        return port < 0 ? -1 : memberOfPort.applyAsInt(port);
    }

    /**
     * An expired session is dead for good: ZooKeeper's client answers every later request with
     * SESSIONEXPIRED. A real client opens a new session, and so does this one, as Jepsen's do.
     */
    private void renewExpiredSession() {
        long now = System.nanoTime();
        if (zk.getState().isConnected()) {
            lastConnectedNanos = now;
        }
        // A session that has seen a newer zxid than every member now has (after the majority lost
        // its data) is refused by all of them and never told it expired: give it up too.
        boolean stranded = now - lastConnectedNanos > STRANDED.toNanos();
        if (zk.getState().isAlive() && !stranded) {
            return;
        }
        lastConnectedNanos = now;
        try {
            zk.close(100);
            zk = new ObservedZooKeeper(connectString, (int) SESSION_TIMEOUT.toMillis());
        } catch (IOException e) {
            // no new session this time: this tick's operations fail and the next tick tries again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the client; an operation in flight ends as it ends (or as info, if interrupted). */
    @Override
    public void close() {
        pacer.shutdown();
        try {
            if (!pacer.awaitTermination(OPERATION_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)) {
                pacer.shutdownNow();
            }
            zk.close(1000);
        } catch (InterruptedException e) {
            pacer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
