package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.history.History;
import dev.quorumchaos.workload.MemberContents;
import dev.quorumchaos.workload.ServiceClients;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** ZooKeeper's clients for the workloads: znodes under a parent path, sessions that fail over. */
final class ZooKeeperClients implements ServiceClients {

    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);

    private final Ensemble ensemble;
    private final History history;

    ZooKeeperClients(Ensemble ensemble, History history) {
        this.ensemble = ensemble;
        this.history = history;
    }

    /** Creates the path and its parents, retrying while the ensemble finds its quorum. */
    @Override
    public void prepare(String path) {
        try (ZooKeeper zk = connect(ensemble.connectString(), SETUP_TIMEOUT)) {
            await("create " + path).atMost(SETUP_TIMEOUT).ignoreExceptions().until(() -> {
                StringBuilder prefix = new StringBuilder();
                for (String segment : path.substring(1).split("/")) {
                    prefix.append('/').append(segment);
                    try {
                        zk.create(prefix.toString(), new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                    } catch (KeeperException.NodeExistsException exists) {
                        // created by an earlier attempt or another writer: fine
                    }
                }
                return true;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosException("interrupted while creating " + path, e);
        }
    }

    @Override
    public AutoCloseable writer(int process, String path, Duration interval) {
        WriterClient writer = new WriterClient(process, ensemble.connectString(), path, interval, history,
                this::memberOfPort);
        writer.start();
        return writer;
    }

    @Override
    public AutoCloseable registers(int process, List<String> registers, Duration interval, long seed) {
        RegisterClient client = new RegisterClient(process, ensemble.connectString(), registers, interval, history,
                this::memberOfPort, seed);
        client.start();
        return client;
    }

    @Override
    public void probeThrough(int member, String path, int process, Duration duration, Duration interval) {
        new MinorityProbe(ensemble, history).probe(member, path, process, duration, interval);
    }

    private int memberOfPort(int port) {
        for (int i = 0; i < ensemble.size(); i++) {
            if (ensemble.clientAddress(i).getPort() == port) {
                return i;
            }
        }
        return -1;
    }

    /** Each member alone, after {@code sync} so it has caught up with the leader. */
    @Override
    public List<MemberContents> readEveryMember(Set<String> paths, Duration deadline) {
        List<MemberContents> contents = new ArrayList<>();
        for (int i = 0; i < ensemble.size(); i++) {
            contents.add(readMember(i, paths, deadline));
        }
        return contents;
    }

    private MemberContents readMember(int member, Set<String> paths, Duration deadline) {
        try (ZooKeeper zk = connect(ensemble.connectString(member), deadline)) {
            Set<String> keys = new LinkedHashSet<>();
            for (String path : paths) {
                CountDownLatch synced = new CountDownLatch(1);
                zk.sync(path, (rc, p, ctx) -> synced.countDown(), null);
                if (!synced.await(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                    return MemberContents.unreadable(member, "sync of " + path + " not answered within " + deadline);
                }
                try {
                    for (String child : zk.getChildren(path, false)) {
                        keys.add(path + "/" + child);
                    }
                } catch (KeeperException.NoNodeException pathGone) {
                    // the member lost the path itself, and with it every key under it
                }
            }
            return MemberContents.read(member, keys);
        } catch (KeeperException | ChaosException e) {
            return MemberContents.unreadable(member, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MemberContents.unreadable(member, "interrupted");
        }
    }

    private static ZooKeeper connect(String connectString, Duration timeout) {
        CountDownLatch connected = new CountDownLatch(1);
        try {
            ZooKeeper zk = new ZooKeeper(connectString, (int) PacedClient.SESSION_TIMEOUT.toMillis(), event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
            if (!connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                zk.close();
                throw new ChaosException("no session with " + connectString + " within " + timeout.toSeconds() + " s");
            }
            return zk;
        } catch (IOException e) {
            throw new ChaosException("cannot connect to " + connectString + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosException("interrupted while connecting to " + connectString, e);
        }
    }
}
