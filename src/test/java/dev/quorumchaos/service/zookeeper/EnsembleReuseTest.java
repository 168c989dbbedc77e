package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.platform.local.LocalTarget;
import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.history.History;
import dev.quorumchaos.settings.RunSettings;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A passed scenario's healthy ensemble serves the next scenario of the same size with its data
 * emptied, and only then: a released ensemble keeps its data until it is taken, so the run's last
 * scenario pays for no reset.
 */
class EnsembleReuseTest {

    @TempDir
    Path root;

    @Test
    void aReleasedEnsembleIsEmptiedWhenTakenNotWhenReleased() throws Exception {
        try (LocalTarget target = new LocalTarget(root, RunSettings.fromSystem())) {
            LocalEnsemble first = (LocalEnsemble) target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History());
            awaitServing(first);
            String connect = first.connectString();
            try (ZooKeeper zk = connect(connect)) {
                // what a scenario's clients leave: many children, and a deeper branch
                for (String path : List.of("/orders", "/a", "/a/b", "/a/b/c", "/a/b/c/d")) {
                    zk.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                }
                for (int i = 1; i <= 1500; i++) {
                    zk.create("/orders/" + i, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                            (rc, path, ctx, name) -> { }, null);
                }
                zk.sync("/", (rc, path, ctx) -> { }, null);
                await("the creates").atMost(Duration.ofSeconds(30))
                        .until(() -> zk.getAllChildrenNumber("/orders") == 1500);
            }

            target.release(first);
            try (ZooKeeper zk = connect(connect)) {
                assertThat(zk.exists("/orders/1", false)).as("released, not yet taken: untouched").isNotNull();
            }

            Ensemble next = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History());
            assertThat(next).isSameAs(first);
            try (ZooKeeper zk = connect(connect)) {
                CountDownLatch synced = new CountDownLatch(1);
                zk.sync("/", (rc, path, ctx) -> synced.countDown(), null); // read what the reset's session wrote
                assertThat(synced.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(zk.getChildren("/", false)).containsExactly("zookeeper");
            }
        }
    }

    @Test
    void anEnsembleWithADeadMemberIsClosedOnReleaseAndTheNextOneBoots() throws Exception {
        try (LocalTarget target = new LocalTarget(root, RunSettings.fromSystem())) {
            LocalEnsemble first = (LocalEnsemble) target.deploy(ZooKeeperService.INSTANCE,
                    EnsembleSpec.of(3).withRestartDelay(Duration.ofSeconds(30)), new History());
            awaitServing(first);
            List<Long> pids = List.of(first.pid(0), first.pid(1), first.pid(2));
            first.kill(0);

            target.release(first);

            assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isEmpty());
            Ensemble next = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3).withRestartDelay(Duration.ofSeconds(30)), new History());
            assertThat(next).isNotSameAs(first);
        }
    }

    private static void awaitServing(Ensemble e) {
        await("every member serving").atMost(Duration.ofSeconds(30))
                .until(() -> e.view().hasQuorum() && e.view().states().stream().allMatch(s -> s.serving()));
    }

    private static ZooKeeper connect(String connectString) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectString, 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        assertThat(connected.await(10, TimeUnit.SECONDS)).as("a session with " + connectString).isTrue();
        return zk;
    }
}
