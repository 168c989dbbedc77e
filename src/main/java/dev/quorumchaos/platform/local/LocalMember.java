package dev.quorumchaos.platform.local;

import dev.quorumchaos.ChaosException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * One member process, supervised the way a StatefulSet supervises a pod: whenever the process
 * exits, for whatever reason, it is started again after {@code restartDelay} with the same
 * config and data dir, until the member is closed.
 */
public final class LocalMember {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration GRACEFUL_EXIT = Duration.ofSeconds(15);

    private final int ordinal;
    private final Path dir;
    private final Path config;
    private final Path dataDir;
    private final Starter starter;
    private final Duration restartDelay;
    private final ScheduledExecutorService scheduler;
    private final IntConsumer started;
    private final DataSeed seed;

    private Process process;
    private ScheduledFuture<?> pendingRestart;
    private boolean paused;
    private boolean wipePending;
    private boolean closed;
    /** Stopped on purpose ({@link #stop()}): not restarted until {@link #start()} is called. */
    private boolean held;
    private int starts;

    /**
     * What a service writes into a data dir it finds empty (ZooKeeper's {@code myid}); nothing
     * for a service that tells an empty data dir apart itself.
     */
    @FunctionalInterface
    public interface DataSeed {
        void write(Path emptyDataDir) throws IOException;
    }

    public LocalMember(int ordinal, Path dir, Path config, Path dataDir, Starter starter, Duration restartDelay,
                       ScheduledExecutorService scheduler, IntConsumer started) {
        this(ordinal, dir, config, dataDir, starter, restartDelay, scheduler, started, empty -> { });
    }

    public LocalMember(int ordinal, Path dir, Path config, Path dataDir, Starter starter, Duration restartDelay,
                       ScheduledExecutorService scheduler, IntConsumer started, DataSeed seed) {
        this.seed = seed;
        this.ordinal = ordinal;
        this.dir = dir;
        this.config = config;
        this.dataDir = dataDir;
        this.starter = starter;
        this.restartDelay = restartDelay;
        this.scheduler = scheduler;
        this.started = started;
    }

    public synchronized void start() {
        if (closed || isAlive()) {
            return;
        }
        held = false;
        if (wipePending) {
            wipeData();
        }
        try {
            Process p = starter.start(dir, config);
            RunDirectory.writePid(dir, p.pid());
            process = p;
            paused = false;
            starts++;
            p.onExit().thenAccept(this::exited);
        } catch (IOException e) {
            throw new ChaosException("cannot start member " + ordinal + " (" + config + "): " + e.getMessage(), e);
        }
        started.accept(ordinal);
    }

    /** Starts a member JVM that becomes the member of this directory and config. */
    @FunctionalInterface
    public interface Starter {
        Process start(Path memberDir, Path config);
    }

    private synchronized void exited(Process p) {
        if (p != process || closed || held) {
            return;
        }
        paused = false;
        pendingRestart = scheduler.schedule(this::start, restartDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGKILL; returns once the process is dead. The supervisor restarts it after the delay. */
    public void kill() {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroyForcibly(); // SIGKILL also ends a SIGSTOP'd process
        awaitExit(p);
    }

    /**
     * Stops the member as an operator does before an upgrade: SIGTERM, so it closes its sessions
     * and files, and SIGKILL only if it lingers. Unlike a kill, the supervisor does not bring it
     * back: it stays down until {@link #start()}. Returns once the process is gone.
     */
    public void stop() {
        Process p;
        synchronized (this) {
            held = true;
            if (pendingRestart != null) {
                pendingRestart.cancel(false);
            }
            p = process;
        }
        if (p == null || !p.isAlive()) {
            return;
        }
        resume(); // a frozen member cannot exit
        p.destroy();
        try {
            p.onExit().get(GRACEFUL_EXIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            p.destroyForcibly(); // it lingers past what a pod's grace period would allow
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosException("interrupted while stopping member " + ordinal, e);
        }
        awaitExit(p);
    }

    public synchronized void pause() {
        if (!isAlive()) {
            throw new ChaosException("cannot pause member " + ordinal + ": it is not running");
        }
        Signals.stop(process.pid());
        paused = true;
    }

    public synchronized void resume() {
        if (paused && isAlive()) {
            Signals.resume(process.pid());
        }
        paused = false;
    }

    /** Kills the member and empties its data dir; it restarts empty, like a pod on a new volume. */
    public void loseVolume() {
        synchronized (this) {
            wipePending = true;
        }
        kill();
        synchronized (this) {
            if (wipePending && !isAlive()) {
                wipeData();
            }
        }
    }

    private void wipeData() {
        RunDirectory.deleteTree(dataDir);
        try {
            Files.createDirectories(dataDir);
            seed.write(dataDir);
        } catch (IOException e) {
            throw new ChaosException("cannot recreate the data dir of member " + ordinal + ": " + e.getMessage(), e);
        }
        wipePending = false;
    }

    public synchronized void ensureRunning() {
        if (!isAlive()) {
            if (pendingRestart != null) {
                pendingRestart.cancel(false);
            }
            start();
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized boolean isPaused() {
        return paused && isAlive();
    }

    public synchronized int starts() {
        return starts;
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Stops supervising and kills the process; safe to call more than once. */
    public void close() {
        close(false);
    }

    /** No restart from now on; returns the current process, if any. */
    private synchronized Process stopSupervising() {
        closed = true;
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
        }
        return process;
    }

    /** Stops supervising and asks the process to exit (SIGTERM), without waiting. */
    public void terminate() {
        Process p = stopSupervising();
        resume();
        if (p != null) {
            p.destroy();
        }
    }

    /** Stops supervising and kills the process (SIGKILL), without waiting; {@link #close()} waits. */
    public void halt() {
        Process p = stopSupervising();
        if (p != null) {
            p.destroyForcibly();
        }
    }

    /**
     * As {@link #close()}; {@code gracefully} sends SIGTERM first, so a member recording its
     * class-data archive writes it on the way out, and SIGKILL only if it lingers.
     */
    public void close(boolean gracefully) {
        Process p = stopSupervising();
        if (p != null && p.isAlive()) {
            if (gracefully) {
                resume(); // a frozen member cannot exit
                p.destroy();
                try {
                    p.onExit().get(GRACEFUL_EXIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                    // it lingers: SIGKILL below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            p.destroyForcibly();
            awaitExit(p);
        }
    }

    private void awaitExit(Process p) {
        try {
            p.onExit().get(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ChaosException("member " + ordinal + " (pid " + p.pid() + ") still alive "
                    + EXIT_TIMEOUT.toSeconds() + " s after SIGKILL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosException("interrupted while waiting for member " + ordinal + " to exit", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ChaosException("waiting for member " + ordinal + " to exit failed: " + e.getCause(), e);
        }
    }
}
