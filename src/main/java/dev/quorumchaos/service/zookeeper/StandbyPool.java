package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.platform.local.RunDirectory;
import dev.quorumchaos.ChaosException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Member JVMs started before they are needed: a JVM's own start and ZooKeeper's JVM-wide set-up
 * take most of a member's start, and none of it depends on which member it will be (see
 * {@link StandbyMain}). An ensemble, or a member coming back after a kill, takes a standby and
 * tells it its config. Standbys are started only between scenarios (before the first, and when
 * an ensemble is closed because the next scenario needs a new one), never on a take: on two
 * cores, JVMs starting beside a scenario would slow the recovery it measures. A standby is an
 * ordinary member process once taken: killed, frozen and supervised as any other.
 *
 * <p>One pool per run-directory root, shared by the local targets open on it, and closed with
 * the last of them, so a closed target leaves no process behind. Its processes live in slots of
 * its own run directory, so a crashed harness's standbys are swept like its members; a standby
 * never taken also exits by itself when the harness's end closes its standard input.
 */
final class StandbyPool {

    private static final Map<Path, StandbyPool> POOLS = new HashMap<>();

    private final Path root;
    private final MemberLauncher launcher;
    private final Deque<Standby> ready = new ArrayDeque<>();
    private final Set<Process> launched = ConcurrentHashMap.newKeySet();
    private final ExecutorService refiller = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "standby-refill");
        t.setDaemon(true);
        return t;
    });
    private final Thread shutdownHook = new Thread(this::closeAtExit, "standby-pool-shutdown");
    private RunDirectory dir;
    private int users;
    private Future<?> refill;
    private int wanted;
    private int slots;
    private boolean closed;
    private volatile boolean enabled = true;

    private StandbyPool(Path root, MemberLauncher launcher) {
        this.root = root;
        this.launcher = launcher;
    }

    /**
     * The open pool for {@code root}, or a new one; closed when the JVM exits at the latest.
     *
     * @param enabled whether members are taken from started standbys ({@code chaos.standbyMembers},
     *                on by default), else every member is a JVM started for it; the latest caller's
     *                settings decide
     */
    static StandbyPool at(Path root, MemberLauncher launcher, boolean enabled) {
        StandbyPool opened;
        synchronized (POOLS) {
            opened = POOLS.computeIfAbsent(root, r -> {
                StandbyPool pool = new StandbyPool(r, launcher);
                Runtime.getRuntime().addShutdownHook(pool.shutdownHook);
                return pool;
            });
        }
        opened.enabled = enabled;
        return opened;
    }

    /** Closes the pool for {@code root} if no target uses it, e.g. when a run ends. */
    static void closeUnused(Path root) {
        StandbyPool pool;
        synchronized (POOLS) {
            pool = POOLS.get(root);
        }
        if (pool != null) {
            pool.closeIfUnused();
        }
    }

    /** A target starts using the pool; {@link #release()} when it closes. */
    synchronized void acquire() {
        users++;
    }

    /** A target is done with the pool; the last one closes it. */
    void release() {
        synchronized (this) {
            users--;
        }
        closeIfUnused();
    }

    private void closeIfUnused() {
        synchronized (this) {
            if (users > 0) {
                return;
            }
        }
        close();
    }

    private boolean enabled() {
        return enabled;
    }

    /** How many ready standbys have finished their set-up (for the benchmark). */
    synchronized int warm() {
        int warm = 0;
        for (Standby standby : ready) {
            try {
                Path log = standby.slot().resolve("standby.log");
                if (standby.process().isAlive() && Files.readString(log).contains(StandbyMain.READY)) {
                    warm++;
                }
            } catch (IOException e) {
                // not yet written
            }
        }
        return warm;
    }

    /** A member process waiting for its config: a ready standby, or one started now. */
    Standby take() {
        Standby standby;
        synchronized (this) {
            do {
                standby = enabled() ? ready.poll() : null;
            } while (standby != null && !standby.process().isAlive());
        }
        return standby != null ? standby : launch(launcher.archive().flagsForStandby());
    }

    /** A member process started now with these class-data-sharing flags, not from the pool. */
    Standby launch(List<String> sharing) {
        return launch(launcher, sharing);
    }

    /**
     * A member process of {@code other}'s classpath (another ZooKeeper release) started now; the
     * pool tracks it like its own, so closing the pool ends it too.
     */
    Standby launch(MemberLauncher other, List<String> sharing) {
        Path slot;
        synchronized (this) {
            if (closed) {
                throw new ChaosException("the local target is shutting down: no member is started");
            }
            if (dir == null) {
                dir = RunDirectory.create(root);
            }
            slot = dir.path().resolve("slot-" + slots++);
        }
        try {
            Files.createDirectories(slot);
            Process p = new ProcessBuilder(other.command(slot, sharing))
                    .directory(slot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(slot.resolve("standby.log").toFile()))
                    .start();
            synchronized (this) {
                launched.add(p);
                if (closed) { // closed while this one started: close() did not see it
                    p.destroyForcibly();
                    throw new ChaosException("the local target is shutting down: no member is started");
                }
            }
            RunDirectory.writePid(slot, p.pid());
            Standby standby = new Standby(p, slot, new AtomicReference<>());
            p.onExit().thenRun(() -> forget(standby));
            return standby;
        } catch (IOException e) {
            throw new ChaosException("cannot start a member JVM in " + slot + ": " + e.getMessage(), e);
        }
    }

    /**
     * A member JVM that ended by itself, not by a signal, may have said why only on its own
     * output (a bad JVM flag, a crash): that goes to its member's log before the slot goes.
     */
    private void forget(Standby standby) {
        Process p = standby.process();
        launched.remove(p);
        Path member = standby.member().get();
        Path own = standby.slot().resolve("standby.log");
        try {
            if (member != null && p.exitValue() != 137 && p.exitValue() != 143 && Files.isRegularFile(own)) {
                Files.writeString(member.resolve("member.log"), "--- the member JVM's own output (pid " + p.pid()
                        + ", exit " + p.exitValue() + ") ---\n" + Files.readString(own),
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } catch (IOException | RuntimeException e) {
            // only a diagnostic: the member's own log has the rest
        }
        try {
            RunDirectory.deleteTree(standby.slot());
        } catch (ChaosException e) {
            // the run directory goes when the pool closes
        }
    }

    /**
     * Starts standbys in the background until as many are ready as the largest ensemble asked
     * for so far, {@code count} included. Call it only between scenarios.
     */
    synchronized void fill(int count) {
        wanted = Math.max(wanted, count);
        ready.removeIf(standby -> !standby.process().isAlive()); // died waiting: replace, not count
        if (closed || !enabled() || ready.size() >= wanted || (refill != null && !refill.isDone())) {
            return;
        }
        refill = refiller.submit(this::refill);
    }

    private void refill() {
        while (true) {
            synchronized (this) {
                if (closed || ready.size() >= wanted) {
                    return;
                }
            }
            Standby standby;
            try {
                standby = launch(launcher.archive().flagsForStandby());
            } catch (ChaosException e) {
                return; // a member that needs one starts it itself, and says why it cannot
            }
            synchronized (this) {
                ready.add(standby);
            }
        }
    }

    /** The JVM is exiting: close, and say in one line what could not be tidied. */
    private void closeAtExit() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("chaos: warning: " + e.getMessage());
        }
    }

    /**
     * Ends every process the pool started, taken or not, and removes its run directory. Slots
     * whose processes exit now remove themselves meanwhile ({@link #forget}); the removal below
     * takes that in its stride. Throws if the directory cannot be removed: the caller decides
     * whether that matters.
     */
    void close() {
        List<Process> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ready.clear();
        }
        synchronized (POOLS) {
            POOLS.remove(root, this);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // this is the hook running
        }
        refiller.shutdownNow();
        try {
            // a launch under way as the pool closed (bad input right after the early start) is
            // in launched once this ends: waited for below with the others
            refiller.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            running = List.copyOf(launched);
        }
        for (Process p : running) {
            p.destroyForcibly(); // SIGKILL ends a frozen member too
        }
        for (Process p : running) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                System.err.println("chaos: member JVM " + p.pid() + " still alive 10 s after SIGKILL");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        synchronized (this) {
            if (dir != null) {
                dir.delete();
            }
        }
    }

    /** A started member JVM, waiting for the line that makes it a member. */
    record Standby(Process process, Path slot, AtomicReference<Path> member) {

        /** Makes this JVM the member whose directory and config these are; returns its process. */
        Process become(Path memberDir, Path config) {
            member.set(memberDir);
            try (OutputStream in = process.getOutputStream()) {
                in.write((memberDir + "\t" + config + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ChaosException("member JVM " + process.pid() + " died before it was given member "
                        + memberDir.getFileName() + ": " + e.getMessage(), e);
            }
            return process;
        }
    }
}
