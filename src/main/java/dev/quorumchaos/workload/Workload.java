package dev.quorumchaos.workload;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.history.History;
import dev.quorumchaos.service.zookeeper.PacedClient;
import dev.quorumchaos.service.zookeeper.RegisterClient;
import dev.quorumchaos.service.zookeeper.WriterClient;
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

/**
 * The clients of one scenario and what they touched. Writers run until {@link #stop()}; after
 * recovery {@link #readEveryMember} asks each member, alone, what it holds.
 */
public final class Workload implements AutoCloseable {

    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);

    private final Ensemble ensemble;
    private final History history;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private final Set<String> paths = new LinkedHashSet<>();
    private final Set<String> registerPaths = new LinkedHashSet<>();

    public Workload(Ensemble ensemble, History history) {
        this.ensemble = ensemble;
        this.history = history;
    }

    private static void validate(String path) {
        if (!path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
            throw ChaosException.badInput("'" + path + "' is not a znode path: it must start with / and have no"
                    + " empty segments, e.g. \"/orders\"");
        }
    }

    public void addWriter(String path, Duration interval) {
        validate(path);
        synchronized (this) {
            if (registerPaths.contains(path)) {
                throw ChaosException.badInput("'" + path + "' holds registers already; give the writer its own path");
            }
        }
        createPath(path); // outside the lock: it may wait for a quorum, and stop() must not wait for it
        synchronized (this) {
            paths.add(path);
            WriterClient writer = new WriterClient(clients.size(), ensemble.connectString(), path, interval, history,
                    this::memberOfPort);
            clients.add(writer);
            writer.start();
        }
    }

    public synchronized Set<String> paths() {
        return Set.copyOf(paths);
    }

    /** The writers' operations: the ones the durability check judges (registers are judged for order). */
    public List<dev.quorumchaos.history.Operation> writerOperations() {
        Set<String> prefixes = new java.util.HashSet<>();
        paths().forEach(p -> prefixes.add(p + "/"));
        return history.operations().stream()
                .filter(op -> prefixes.contains(op.key().substring(0, op.key().lastIndexOf('/') + 1)))
                .toList();
    }

    /** Clients treating {@code registers} znodes under {@code path} as registers (Jepsen's register workload). */
    public void addRegisterClients(int count, String path, int registers, Duration interval, long seed) {
        validate(path);
        synchronized (this) {
            if (paths.contains(path)) {
                throw ChaosException.badInput("'" + path + "' is a writer's path already; give the registers their own");
            }
            registerPaths.add(path);
        }
        createPath(path);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < registers; i++) {
            keys.add(path + "/r" + i);
        }
        synchronized (this) {
            for (int i = 0; i < count; i++) {
                int process = clients.size();
                RegisterClient client = new RegisterClient(process, ensemble.connectString(), keys, interval, history,
                        this::memberOfPort, seed * 1_000 + process);
                clients.add(client);
                client.start();
            }
        }
    }

    private boolean probePathCreated;

    /** Where minority probes write: kept apart from the writers' paths, which the durability check reads. */
    public String probePath() {
        synchronized (this) {
            if (probePathCreated) {
                return "/chaos-probe";
            }
        }
        createPath("/chaos-probe");
        synchronized (this) {
            probePathCreated = true;
        }
        return "/chaos-probe";
    }

    /**
     * Whether a writer got a definite answer (ok, or a refusal from a serving member) to a write
     * after {@code sinceNanos}: the ensemble serves clients again.
     */
    public boolean answeredSince(long sinceNanos) {
        List<dev.quorumchaos.history.Operation> ops = writerOperations();
        for (int i = ops.size() - 1; i >= 0; i--) {
            dev.quorumchaos.history.Operation op = ops.get(i);
            if (op.timeNanos() < sinceNanos) {
                return false;
            }
            if ((op.type() == dev.quorumchaos.history.Operation.Type.OK
                    || op.type() == dev.quorumchaos.history.Operation.Type.FAIL)
                    && op.f() == dev.quorumchaos.history.Operation.Fn.WRITE) {
                return true;
            }
        }
        return false;
    }

    public synchronized boolean hasRegisterClients() {
        return !registerPaths.isEmpty();
    }

    /**
     * Whether a register client had a change (a create or a compare-and-set) acknowledged after
     * {@code sinceNanos}: the registers are served again, and what happened to them after the
     * faults is in the history.
     */
    public boolean registerChangeAcknowledgedSince(long sinceNanos) {
        Set<String> prefixes = new java.util.HashSet<>();
        synchronized (this) {
            registerPaths.forEach(p -> prefixes.add(p + "/"));
        }
        List<dev.quorumchaos.history.Operation> ops = history.operations();
        for (int i = ops.size() - 1; i >= 0; i--) {
            dev.quorumchaos.history.Operation op = ops.get(i);
            if (op.timeNanos() < sinceNanos) {
                return false;
            }
            if (op.type() == dev.quorumchaos.history.Operation.Type.OK
                    && op.f() != dev.quorumchaos.history.Operation.Fn.READ
                    && prefixes.contains(op.key().substring(0, op.key().lastIndexOf('/') + 1))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a writer runs: the durability check needs one. */
    public synchronized boolean running() {
        return !paths.isEmpty();
    }

    private int memberOfPort(int port) {
        for (int i = 0; i < ensemble.size(); i++) {
            if (ensemble.clientAddress(i).getPort() == port) {
                return i;
            }
        }
        return -1;
    }

    /** Creates the path and its parents, retrying while the ensemble finds its quorum. */
    private void createPath(String path) {
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

    /** Stops every writer; idempotent. */
    public synchronized void stop() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                throw new ChaosException("cannot stop a client: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Reads every workload path from each member alone, after {@code sync} so the member has
     * caught up with the leader. A member that cannot be read within {@code deadline} is reported
     * unreadable, which the durability check turns into UNKNOWN rather than PASS.
     */
    /**
     * What each member holds, read from it alone; a member that cannot be read says why, in the
     * client's words and in the platform's (a pod the scheduler cannot place says so).
     */
    public List<MemberContents> readEveryMember(Duration deadline) {
        List<MemberContents> contents = new ArrayList<>();
        for (int i = 0; i < ensemble.size(); i++) {
            MemberContents read = readMember(i, deadline);
            contents.add(read.readable() ? read : ensemble.whyUnavailable(i)
                    .map(why -> MemberContents.unreadable(read.member(), read.unreadableBecause() + "; " + why))
                    .orElse(read));
        }
        return contents;
    }

    private MemberContents readMember(int member, Duration deadline) {
        try (ZooKeeper zk = connect(ensemble.connectString(member), deadline)) {
            Set<String> keys = new LinkedHashSet<>();
            for (String path : paths()) {
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

    @Override
    public void close() {
        stop();
    }
}
