package dev.quorumchaos.platform.local;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.history.History;
import dev.quorumchaos.platform.Target;
import dev.quorumchaos.service.Service;
import dev.quorumchaos.settings.RunSettings;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Members as processes on this machine, booted by each service's {@link LocalService}. Before its first ensemble it sweeps away what
 * crashed runs left; a shutdown hook closes whatever is still running when the JVM exits, which
 * covers Ctrl-C and SIGTERM.
 */
public final class LocalTarget implements Target {

    private final Path root;
    private final RunSettings settings;
    private final boolean linkProxies;
    /** Every ensemble up, with what a next scenario would ask for to reuse it. */
    private final java.util.Map<LocalDeployment, Reusable> running = new ConcurrentHashMap<>();
    /** Healthy ensembles a finished scenario left for the next one of the same service and spec. */
    private final java.util.Map<Reusable, LocalDeployment> idle = new java.util.HashMap<>();
    /** Each service's part, by service name: it may keep state across ensembles (a JVM pool). */
    private final java.util.Map<String, LocalService> services = new java.util.LinkedHashMap<>();
    private final Thread shutdownHook = new Thread(this::closeAtExit, "local-target-shutdown");
    private RunDirectory.Sweep sweep;
    /** Set once the target or the JVM is closing: no standby is started for a next scenario then. */
    private volatile boolean closing;

    /** Run directories under the settings' work directory ({@code .chaos/runs}). */
    public LocalTarget(RunSettings settings) {
        this(settings.runsDir(), settings);
    }

    public LocalTarget(Path root, RunSettings settings) {
        this(root, settings, true);
    }

    /**
     * {@code linkProxies} false only to measure what the proxies cost (bench/run): members and
     * clients then connect directly, and no link can be cut.
     */
    public LocalTarget(Path root, RunSettings settings, boolean linkProxies) {
        this.root = root;
        this.settings = settings;
        this.linkProxies = linkProxies;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public String name() {
        return "local";
    }

    /** What the sweep before the first ensemble found, or null before it ran. */
    public synchronized RunDirectory.Sweep sweep() {
        if (sweep == null) {
            sweep = RunDirectory.sweepAbandoned(root);
        }
        return sweep;
    }

    private record Reusable(String service, EnsembleSpec spec) {
    }

    @Override
    public synchronized Ensemble deploy(Service service, EnsembleSpec spec, History history) {
        Reusable key = new Reusable(service.name(), spec);
        LocalDeployment reused = idle.remove(key);
        if (reused != null) {
            try {
                reused.reuse(history);
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
        LocalService local = services.get(service.name());
        if (local == null) {
            local = service.part(LocalService.class).orElseThrow(() -> new TestAbortedException("skipped: "
                    + service.name() + " has no way to run its members on the local target"));
            services.put(service.name(), local);
        }
        LocalDeployment[] self = new LocalDeployment[1];
        LocalDeployment ensemble = local.boot(this, spec, history, RunDirectory.create(root),
                () -> running.remove(self[0]));
        self[0] = ensemble;
        running.put(ensemble, key);
        return ensemble;
    }

    /**
     * Whether members and clients reach each other through link proxies: always, but when the
     * benchmark measures what the proxies cost (nothing can be cut then).
     */
    /** What the run asked for, for the services' parts (a member's JVM flags, standbys on or off). */
    public RunSettings settings() {
        return settings;
    }

    public boolean linkProxies() {
        return linkProxies;
    }

    /** Whether the target or the JVM is closing: no standby is started for a next scenario then. */
    public boolean closing() {
        return closing;
    }

    /** A loopback port nothing listens on; held open until all are chosen so no two members get the same. */
    public static int freePort(List<ServerSocket> held) {
        try {
            ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            held.add(socket);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ChaosException("no free loopback port for a local member: " + e.getMessage(), e);
        }
    }

    /** Releases ports {@link #freePort} held. */
    public static void releasePorts(List<ServerSocket> held) {
        for (ServerSocket socket : held) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the port is released either way
            }
        }
    }

    /**
     * Keeps a healthy ensemble for the next scenario with the same service and spec: booting
     * members is most of a short scenario's time. Its data is emptied when the next
     * scenario takes it, so the run's last scenario does not pay for a reset nobody uses; a reset
     * that fails then closes it and a new one boots. Anything else is closed now.
     */
    @Override
    public synchronized void release(Ensemble ensemble) {
        LocalDeployment local = (LocalDeployment) ensemble;
        boolean kept = false;
        try {
            Reusable key = running.get(local);
            if (settings.reuseEnsembles() && key != null && local.healthy() && !idle.containsKey(key)) {
                idle.put(key, local);
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
        for (LocalDeployment ensemble : List.copyOf(running.keySet())) {
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
        List<LocalService> used;
        synchronized (this) {
            used = List.copyOf(services.values());
            services.clear();
        }
        for (LocalService service : used) {
            try {
                service.close();
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
