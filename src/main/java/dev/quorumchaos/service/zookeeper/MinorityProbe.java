package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.Operation;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends writes through one member alone, as a client stuck on the wrong side of a partition
 * would, and records them: a cut-off member must not acknowledge any. A write that could not
 * even be sent (no session) is a {@code fail}: it certainly did not happen.
 */
public final class MinorityProbe {

    private final Ensemble ensemble;
    private final History history;

    public MinorityProbe(Ensemble ensemble, History history) {
        this.ensemble = ensemble;
        this.history = history;
    }

    /** Writes under {@code path} through {@code member} every {@code interval} for {@code duration}; blocks meanwhile. */
    public void probe(int member, String path, int process, Duration duration, Duration interval) {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk;
        try {
            zk = new ZooKeeper(ensemble.connectString(member), (int) PacedClient.SESSION_TIMEOUT.toMillis(), event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
        } catch (IOException e) {
            return;
        }
        AtomicInteger seq = new AtomicInteger();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try {
            pacer.scheduleWithFixedDelay(() -> write(zk, connected, member, path, process, seq.getAndIncrement(), interval),
                    0, interval.toMillis(), TimeUnit.MILLISECONDS);
            pacer.awaitTermination(duration.toMillis(), TimeUnit.MILLISECONDS); // runs for the whole duration
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pacer.shutdownNow();
            try {
                pacer.awaitTermination(PacedClient.OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                zk.close(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void write(ZooKeeper zk, CountDownLatch connected, int member, String path, int process, int seq,
                       Duration interval) {
        String key = path + "/probe-" + member + "-" + seq;
        Operation write = history.invoke(process, Operation.Fn.WRITE, key, key, null, member);
        if (connected.getCount() > 0) {
            history.complete(write, Operation.Type.FAIL, null, "no session with member " + member);
            return;
        }
        CompletableFuture<KeeperException.Code> answer = new CompletableFuture<>();
        zk.create(key, key.getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                (rc, p, ctx, name) -> answer.complete(KeeperException.Code.get(rc)), null);
        try {
            KeeperException.Code code = answer.get(interval.toMillis() * 10, TimeUnit.MILLISECONDS);
            Operation.Type type = Outcomes.of(code);
            history.complete(write, type, null, type == Operation.Type.OK ? null : code.name());
        } catch (TimeoutException | ExecutionException e) {
            history.complete(write, Operation.Type.INFO, null, "no answer within " + interval.toMillis() * 10 + " ms");
        } catch (InterruptedException e) {
            history.complete(write, Operation.Type.INFO, null, "probe stopped");
            Thread.currentThread().interrupt();
        }
    }
}
