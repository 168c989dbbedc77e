package dev.quorumchaos.platform.local;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.fault.partition.LinkMesh;
import dev.quorumchaos.fault.partition.MemberPorts;
import dev.quorumchaos.history.History;
import dev.quorumchaos.platform.Target;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Members as ZooKeeper JVMs on this machine. Before its first ensemble it sweeps away what
 * crashed runs left; a shutdown hook closes whatever is still running when the JVM exits, which
 * covers Ctrl-C and SIGTERM.
 */
public final class LocalTarget implements Target {

    private final Path root;
    private final boolean linkProxies;
    private final Set<LocalEnsemble> running = ConcurrentHashMap.newKeySet();
    /** Healthy ensembles a finished scenario left for the next one of the same spec. */
    private final java.util.Map<EnsembleSpec, LocalEnsemble> idle = new java.util.HashMap<>();
    private final Thread shutdownHook = new Thread(this::closeAtExit, "local-target-shutdown");
    private MemberLauncher launcher;
    private StandbyPool pool;
    private RunDirectory.Sweep sweep;
    /** Set once the target or the JVM is closing: no standby is started for a next scenario then. */
    private volatile boolean closing;

    public LocalTarget() {
        this(RunDirectory.root());
    }

    public LocalTarget(Path root) {
        this(root, true);
    }

    /**
     * {@code linkProxies} false only to measure what the proxies cost (bench/run): members and
     * clients then connect directly, and no link can be cut.
     */
    LocalTarget(Path root, boolean linkProxies) {
        this.root = root;
        this.linkProxies = linkProxies;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public String name() {
        return "local";
    }

    /**
     * Starts {@code count} member JVMs for a run about to begin, so its first ensemble does not
     * wait for JVMs to start (see {@link StandbyPool}). Nothing is started if members cannot be
     * (no ZooKeeper on the classpath): the first ensemble then says why.
     */
    public static void startStandbys(int count) {
        try {
            StandbyPool.at(RunDirectory.root(), MemberLauncher.fromHarnessClasspath()).fill(count);
        } catch (ChaosException e) {
            // the first deploy reports it
        }
    }

    /** Stops the member JVMs {@link #startStandbys} started, unless a target uses them. */
    public static void stopStandbys() {
        StandbyPool.closeUnused(RunDirectory.root());
    }

    /** What the sweep before the first ensemble found, or null before it ran. */
    public synchronized RunDirectory.Sweep sweep() {
        if (sweep == null) {
            sweep = RunDirectory.sweepAbandoned(root);
        }
        return sweep;
    }

    @Override
    public synchronized Ensemble deploy(EnsembleSpec spec, History history) {
        LocalEnsemble reused = idle.remove(spec);
        if (reused != null) {
            try {
                DataReset.emptyAll(reused.connectString());
                reused.adopt(history);
                return reused;
            } catch (RuntimeException e) {
                // it does not serve as it did: boot a new one; what its closing leaves is only tidy-up
                try {
                    reused.close();
                } catch (RuntimeException closing) {
                    System.err.println("chaos: warning: " + closing.getMessage());
                }
            }
        }
        sweep();
        if (launcher == null) {
            launcher = MemberLauncher.fromHarnessClasspath();
            pool = StandbyPool.at(root, launcher);
            pool.acquire();
        }
        RunDirectory dir = RunDirectory.create(root);
        List<MemberPorts> ports = new ArrayList<>();
        List<ServerSocket> held = new ArrayList<>();
        LinkMesh mesh;
        try {
            for (int i = 0; i < spec.size(); i++) {
                ports.add(new MemberPorts(freePort(held), freePort(held), freePort(held)));
            }
            // opened while the members' ports are still held, so no proxy takes one of them
            mesh = LinkMesh.open(ports);
        } finally {
            held.forEach(LocalTarget::closeQuietly);
        }
        LocalEnsemble[] self = new LocalEnsemble[1];
        StandbyPool standbys = pool;
        LocalEnsemble ensemble = new LocalEnsemble(spec, history, dir, ports, mesh, linkProxies, launcher, pool, () -> {
            running.remove(self[0]);
            if (!closing) {
                standbys.fill(spec.size()); // an ensemble closes between scenarios: the next may need one
            }
        });
        self[0] = ensemble;
        running.add(ensemble);
        ensemble.start();
        return ensemble;
    }

    /** A port nothing listens on; held open until all are chosen so no two members get the same. */
    private static int freePort(List<ServerSocket> held) {
        try {
            ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            held.add(socket);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ChaosException("no free loopback port for a local member: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the port is released either way
        }
    }

    /**
     * Keeps a healthy ensemble for the next scenario with the same spec: booting JVMs is most of
     * a short scenario's time. Its data (every znode but /zookeeper) is emptied when the next
     * scenario takes it, so the run's last scenario does not pay for a reset nobody uses; a reset
     * that fails then closes it and a new one boots. Anything else is closed now.
     */
    @Override
    public synchronized void release(Ensemble ensemble) {
        LocalEnsemble local = (LocalEnsemble) ensemble;
        boolean kept = false;
        try {
            if (REUSE && local.healthy() && !idle.containsKey(local.spec())) {
                idle.put(local.spec(), local);
                kept = true;
            }
        } catch (RuntimeException e) {
            kept = false;
        } finally {
            if (!kept) {
                local.close();
            }
        }
    }

    /** Reuse is on unless -Dchaos.reuseEnsembles=false, e.g. to rule it out when chasing a bug. */
    private static final boolean REUSE = !"false".equals(System.getProperty("chaos.reuseEnsembles"));

    /** The JVM is exiting (Ctrl-C, SIGTERM) with ensembles still up: close them, one line per failure. */
    private void closeAtExit() {
        closing = true;
        for (RuntimeException e : closeAll()) {
            System.err.println("chaos: warning: " + e.getMessage());
        }
    }

    /** Closes every ensemble still running; returns what failed, each naming its directory. */
    private List<RuntimeException> closeAll() {
        closing = true;
        List<RuntimeException> failures = new ArrayList<>();
        for (LocalEnsemble ensemble : List.copyOf(running)) {
            try {
                ensemble.close();
            } catch (RuntimeException e) {
                failures.add(new ChaosException("could not close the local ensemble in " + ensemble.directory()
                        + ": " + e.getMessage(), e));
            }
        }
        return failures;
    }

    /**
     * Closes every ensemble and, with the last target, the standby pool. Everything is tried;
     * the first failure is thrown with the others suppressed, for the caller to report.
     */
    @Override
    public void close() {
        synchronized (this) {
            idle.clear();
        }
        List<RuntimeException> failures = closeAll();
        StandbyPool used;
        synchronized (this) {
            used = pool;
            pool = null;
            launcher = null;
        }
        if (used != null) {
            try {
                used.release();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran: nothing left to remove
        }
        if (!failures.isEmpty()) {
            failures.subList(1, failures.size()).forEach(failures.get(0)::addSuppressed);
            throw failures.get(0);
        }
    }
}
