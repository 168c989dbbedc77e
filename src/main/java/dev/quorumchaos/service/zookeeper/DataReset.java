package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.ChaosException;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Empties an ensemble for its next scenario: every znode but ZooKeeper's own /zookeeper. A
 * scenario's client leaves hundreds of znodes; one request at a time (ZKUtil's way) took about a
 * second at the start of every reused scenario. Here each level of the tree is listed with all
 * its requests in flight at once, and the levels are deleted deepest first, a thousand znodes to
 * a transaction.
 */
final class DataReset {

    private static final int TIMEOUT_MILLIS = 10_000;
    /** Deletes per multi: well inside the 1 MB request limit (jute.maxbuffer). */
    private static final int BATCH = 1000;

    private DataReset() {
    }

    static void emptyAll(String connectString) {
        CountDownLatch connected = new CountDownLatch(1);
        try {
            ZooKeeper zk = new ZooKeeper(connectString, TIMEOUT_MILLIS, event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
            try {
                if (!connected.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                    throw new ChaosException("no session with " + connectString + " to reset its data");
                }
                List<List<String>> levels = new ArrayList<>();
                List<String> level = new ArrayList<>();
                for (String child : zk.getChildren("/", false)) {
                    if (!child.equals("zookeeper")) {
                        level.add("/" + child);
                    }
                }
                while (!level.isEmpty()) {
                    levels.add(level);
                    level = childrenOf(zk, level);
                }
                for (int i = levels.size() - 1; i >= 0; i--) {
                    delete(zk, levels.get(i));
                }
            } finally {
                zk.close();
            }
        } catch (IOException | KeeperException e) {
            throw new ChaosException("cannot reset the data of " + connectString + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosException("interrupted while resetting " + connectString, e);
        }
    }

    /** The children of every one of {@code parents}, asked all at once. */
    private static List<String> childrenOf(ZooKeeper zk, List<String> parents)
            throws InterruptedException, KeeperException {
        ConcurrentLinkedQueue<String> children = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<KeeperException> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch answered = new CountDownLatch(parents.size());
        for (String parent : parents) {
            zk.getChildren(parent, false, (rc, path, ctx, names) -> {
                if (rc == KeeperException.Code.OK.intValue()) {
                    names.forEach(name -> children.add(path + "/" + name));
                } else {
                    failures.add(KeeperException.create(KeeperException.Code.get(rc), path));
                }
                answered.countDown();
            }, null);
        }
        if (!answered.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            throw new ChaosException("listing " + parents.size() + " znodes to reset took over " + TIMEOUT_MILLIS + " ms");
        }
        if (!failures.isEmpty()) {
            throw failures.peek();
        }
        return new ArrayList<>(children);
    }

    private static void delete(ZooKeeper zk, List<String> paths) throws InterruptedException, KeeperException {
        for (int from = 0; from < paths.size(); from += BATCH) {
            List<Op> batch = new ArrayList<>();
            for (String path : paths.subList(from, Math.min(paths.size(), from + BATCH))) {
                batch.add(Op.delete(path, -1));
            }
            zk.multi(batch);
        }
    }
}
