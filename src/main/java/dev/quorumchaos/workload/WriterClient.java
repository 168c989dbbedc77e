package dev.quorumchaos.workload;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.Operation;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntUnaryOperator;

/**
 * One client that writes a new znode under a path at a steady pace and reads each acknowledged
 * one back, recording every operation as invoke then ok / fail / info. Each write creates
 * {@code <path>/<process>-<seq>} holding a unique value, so a write is one key and the
 * durability check can ask every member which keys it has.
 */
public final class WriterClient implements AutoCloseable {

    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);
    static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(5);

    private final int process;
    private final String path;
    private final Duration interval;
    private final History history;
    private final IntUnaryOperator memberOfPort;
    private final String connectString;
    private ObservedZooKeeper zk;
    private final ScheduledExecutorService pacer;
    private long seq;

    /**
     * @param memberOfPort maps the port the client is connected to onto a member ordinal (-1 if unknown)
     */
    public WriterClient(int process, String connectString, String path, Duration interval, History history,
                        IntUnaryOperator memberOfPort) {
        this.process = process;
        this.path = path;
        this.interval = interval;
        this.history = history;
        this.memberOfPort = memberOfPort;
        try {
            this.connectString = connectString;
            this.zk = new ObservedZooKeeper(connectString, (int) SESSION_TIMEOUT.toMillis());
        } catch (java.io.IOException e) {
            throw new ChaosException("cannot create a ZooKeeper client for " + connectString + ": " + e.getMessage(), e);
        }
        this.pacer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "writer-" + process);
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        // fixed delay, not rate: after a stall the client resumes its pace instead of bursting
        pacer.scheduleWithFixedDelay(this::writeAndReadBack, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void writeAndReadBack() {
        renewExpiredSession();
        String key = path + "/" + process + "-" + seq;
        String value = "p" + process + "-" + seq;
        seq++;
        Operation write = history.invoke(process, Operation.Fn.WRITE, key, value, null, member());
        CompletableFuture<KeeperException.Code> created = new CompletableFuture<>();
        zk.create(key, value.getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                (rc, p, ctx, name) -> created.complete(KeeperException.Code.get(rc)), null);
        Completion c = await(created);
        history.complete(write, c.type, null, c.error, c.type == Operation.Type.OK ? member() : write.member());
        if (c.type != Operation.Type.OK) {
            return;
        }
        Operation read = history.invoke(process, Operation.Fn.READ, key, null, null, member());
        CompletableFuture<Object[]> data = new CompletableFuture<>();
        zk.getData(key, false, (rc, p, ctx, bytes, stat) ->
                data.complete(new Object[]{KeeperException.Code.get(rc), bytes}), null);
        try {
            Object[] answer = data.get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            KeeperException.Code code = (KeeperException.Code) answer[0];
            String got = answer[1] == null ? null : new String((byte[]) answer[1], StandardCharsets.UTF_8);
            // a read changes nothing, so an unanswered read is a failed read, not an unknown one; a
            // missing znode is a valid answer (absent), which the session-order check judges
            boolean answered = code == KeeperException.Code.OK || code == KeeperException.Code.NONODE;
            history.complete(read, answered ? Operation.Type.OK : Operation.Type.FAIL, got,
                    answered ? null : code.name());
        } catch (TimeoutException | ExecutionException e) {
            history.complete(read, Operation.Type.FAIL, null, "no answer within " + OPERATION_TIMEOUT.toMillis() + " ms");
        } catch (InterruptedException e) {
            history.complete(read, Operation.Type.FAIL, null, "client stopped");
            Thread.currentThread().interrupt();
        }
    }

    private record Completion(Operation.Type type, String error) {
    }

    private Completion await(CompletableFuture<KeeperException.Code> answer) {
        try {
            KeeperException.Code code = answer.get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Operation.Type type = Outcomes.of(code);
            return new Completion(type, type == Operation.Type.OK ? null : code.name());
        } catch (TimeoutException e) {
            return new Completion(Operation.Type.INFO, "no answer within " + OPERATION_TIMEOUT.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Completion(Operation.Type.INFO, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Completion(Operation.Type.INFO, "client stopped while waiting");
        }
    }

    /**
     * An expired session is dead for good: ZooKeeper's client answers every later request with
     * SESSIONEXPIRED. A real client opens a new session, and so does this one, as Jepsen's do.
     */
    private void renewExpiredSession() {
        if (zk.getState().isAlive()) {
            return;
        }
        try {
            zk.close(100);
            zk = new ObservedZooKeeper(connectString, (int) WriterClient.SESSION_TIMEOUT.toMillis());
        } catch (java.io.IOException e) {
            // no new session this time: the operations of this tick fail and the next tick tries again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int member() {
        if (!zk.getState().isConnected()) {
            return -1;
        }
        int port = zk.remotePort();
        return port < 0 ? -1 : memberOfPort.applyAsInt(port);
    }

    /** Stops writing; an operation in flight ends as it ends (or as info, if interrupted). */
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
