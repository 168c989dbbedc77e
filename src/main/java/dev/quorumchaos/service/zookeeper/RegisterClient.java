package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.history.History;
import dev.quorumchaos.history.Operation;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.Stat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntUnaryOperator;

/**
 * One client treating a few znodes as registers, Jepsen's register workload: read a register,
 * then compare-and-set it from the value read to a new unique value ({@code setData} with the
 * version read, so it succeeds only if nobody wrote in between). An absent register is created
 * instead, and a {@code create} succeeds only on an absent znode: it is a compare-and-set from
 * absent and is recorded as one (CAS with expected {@code null}), so two acknowledged creates of
 * one register are a violation, not two writes. Every read and write is recorded, for the
 * linearizability and session-order checks.
 */
public final class RegisterClient extends PacedClient {

    private final List<String> registers;
    private final Random random;
    private long seq;

    public RegisterClient(int process, String connectString, List<String> registers, Duration interval,
                          History history, IntUnaryOperator memberOfPort, long seed) {
        super("register-client", process, connectString, interval, history, memberOfPort);
        this.registers = List.copyOf(registers);
        this.random = new Random(seed);
    }

    @Override
    protected void tick() {
        String key = registers.get(random.nextInt(registers.size()));
        Operation read = history.invoke(process, Operation.Fn.READ, key, null, null, member());
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        zk().getData(key, false, (rc, p, ctx, data, stat) -> answer.complete(new Object[]{rc, data, stat}), null);
        Object[] got = await(answer);
        if (got == null) {
            history.complete(read, Operation.Type.FAIL, null, "no answer");
            return;
        }
        KeeperException.Code code = KeeperException.Code.get((Integer) got[0]);
        String value = got[1] == null ? null : new String((byte[]) got[1], StandardCharsets.UTF_8);
        if (code == KeeperException.Code.NONODE) {
            history.complete(read, Operation.Type.OK, null, null); // the register is absent: a valid read
            create(key);
        } else if (code == KeeperException.Code.OK) {
            history.complete(read, Operation.Type.OK, value, null);
            compareAndSet(key, value, ((Stat) got[2]).getVersion());
        } else {
            history.complete(read, Operation.Type.FAIL, null, code.name()); // a read changes nothing
        }
    }

    private String nextValue() {
        return "p" + process + "-" + seq++;
    }

    private void create(String key) {
        String value = nextValue();
        Operation create = history.invoke(process, Operation.Fn.CAS, key, value, null, member());
        Object[] answer = sendCreate(key, value);
        if (answer != null && KeeperException.Code.get((Integer) answer[0]) == KeeperException.Code.NONODE) {
            // the parent is gone (a majority lost its data): recreate it, as an application would
            // (Curator's creatingParentsIfNeeded), and try once more; the parent is no register
            createParent(key);
            answer = sendCreate(key, value);
        }
        complete(create, answer);
    }

    private Object[] sendCreate(String key, String value) {
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        zk().create(key, value.getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                (rc, p, ctx, name) -> answer.complete(new Object[]{rc}), null);
        return await(answer);
    }

    private void createParent(String key) {
        StringBuilder prefix = new StringBuilder();
        String parent = key.substring(0, key.lastIndexOf('/'));
        for (String segment : parent.substring(1).split("/")) {
            prefix.append('/').append(segment);
            CompletableFuture<Object[]> answer = new CompletableFuture<>();
            zk().create(prefix.toString(), new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                    (rc, p, ctx, name) -> answer.complete(new Object[]{rc}), null);
            await(answer); // NODEEXISTS is fine; anything else shows in the register's own create
        }
    }

    private void compareAndSet(String key, String expected, int version) {
        String value = nextValue();
        Operation cas = history.invoke(process, Operation.Fn.CAS, key, value, expected, member());
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        zk().setData(key, value.getBytes(StandardCharsets.UTF_8), version,
                (rc, p, ctx, stat) -> answer.complete(new Object[]{rc}), null);
        complete(cas, await(answer));
    }

    private void complete(Operation op, Object[] answer) {
        if (answer == null) {
            history.complete(op, Operation.Type.INFO, null, "no answer within "
                    + OPERATION_TIMEOUT.toMillis() + " ms");
            return;
        }
        KeeperException.Code code = KeeperException.Code.get((Integer) answer[0]);
        Operation.Type type = Outcomes.of(code);
        history.complete(op, type, null, type == Operation.Type.OK ? null : code.name(),
                type == Operation.Type.OK ? member() : op.member());
    }

    private static Object[] await(CompletableFuture<Object[]> answer) {
        try {
            return answer.get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
