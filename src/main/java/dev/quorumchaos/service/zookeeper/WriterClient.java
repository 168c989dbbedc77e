package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.history.History;
import dev.quorumchaos.history.Operation;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntUnaryOperator;

/**
 * One client that writes a new znode under a path at a steady pace and reads each acknowledged
 * one back, recording every operation as invoke then ok / fail / info. Each write creates
 * {@code <path>/<process>-<seq>} holding a unique value, so a write is one key and the
 * durability check can ask every member which keys it has.
 */
public final class WriterClient extends PacedClient {

    private final String path;
    private long seq;

    /**
     * @param memberOfPort maps the port the client is connected to onto a member ordinal (-1 if unknown)
     */
    public WriterClient(int process, String connectString, String path, Duration interval, History history,
                        IntUnaryOperator memberOfPort) {
        super("writer", process, connectString, interval, history, memberOfPort);
        this.path = path;
    }

    @Override
    protected void tick() {
        String key = path + "/" + process + "-" + seq;
        String value = "p" + process + "-" + seq;
        seq++;
        Operation write = history.invoke(process, Operation.Fn.WRITE, key, value, null, member());
        CompletableFuture<KeeperException.Code> created = new CompletableFuture<>();
        zk().create(key, value.getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                (rc, p, ctx, name) -> created.complete(KeeperException.Code.get(rc)), null);
        Completion c = await(created);
        history.complete(write, c.type, null, c.error, c.type == Operation.Type.OK ? member() : write.member());
        if (c.type != Operation.Type.OK) {
            return;
        }
        Operation read = history.invoke(process, Operation.Fn.READ, key, null, null, member());
        CompletableFuture<Object[]> data = new CompletableFuture<>();
        zk().getData(key, false, (rc, p, ctx, bytes, stat) ->
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
}
