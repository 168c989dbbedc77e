package dev.quorumchaos.target.local;

import dev.quorumchaos.ChaosException;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZKUtil;
import org.apache.zookeeper.ZooKeeper;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Empties an ensemble for its next scenario: every znode but ZooKeeper's own /zookeeper. */
final class DataReset {

    private static final int TIMEOUT_MILLIS = 10_000;

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
                for (String child : zk.getChildren("/", false)) {
                    if (!child.equals("zookeeper")) {
                        ZKUtil.deleteRecursive(zk, "/" + child);
                    }
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
}
