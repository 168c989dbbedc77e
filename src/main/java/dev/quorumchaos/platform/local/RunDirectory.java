package dev.quorumchaos.platform.local;

import dev.quorumchaos.ChaosException;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory one local ensemble lives in: a folder per member with its config, data, log and
 * pid file, and an owner file naming the harness process. Whatever a crashed harness left is
 * found through these files, never by matching process names: a pid counts only while that
 * process's command line still names this directory. The directory's name carries the owner's
 * pid too, so a run caught between creating its directory and writing its owner file is never
 * taken for an abandoned one by a harness running beside it.
 */
public final class RunDirectory {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    /** The owner's pid in a run directory's name: {@code <stamp>-p<pid>-<random>}. */
    private static final Pattern OWNER_IN_NAME = Pattern.compile("-p(\\d+)-");
    /** How long a swept process may take to die after SIGKILL before the sweep moves on. */
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    /** Passes over a directory that keeps gaining entries while it is emptied. */
    private static final int DELETE_PASSES = 5;

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    public static RunDirectory create(Path root) {
        try {
            Files.createDirectories(root);
            ProcessHandle self = ProcessHandle.current();
            Path dir = Files.createTempDirectory(root, STAMP.format(Instant.now()) + "-p" + self.pid() + "-");
            String start = self.info().startInstant().map(Instant::toString).orElse("");
            Files.writeString(dir.resolve("owner"), self.pid() + " " + start + "\n");
            return new RunDirectory(dir);
        } catch (IOException e) {
            throw new ChaosException("cannot create a run directory under " + root + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return dir;
    }

    public Path member(int ordinal) {
        return dir.resolve("member-" + ordinal);
    }

    public static Path pidFile(Path memberDir) {
        return memberDir.resolve("pid");
    }

    /** Writes {@code dir}'s pid file whole (through a rename), so no reader sees it half-written. */
    public static void writePid(Path dir, long pid) throws IOException {
        Path tmp = Files.createTempFile(dir, ".pid", ".tmp");
        Files.writeString(tmp, pid + "\n");
        Files.move(tmp, pidFile(dir), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    public void delete() {
        deleteTree(dir);
    }

    /** What a sweep found and undid, and what it could not undo (each with the path and why). */
    public record Sweep(int runDirectories, int processesKilled, List<String> notes, List<String> problems) {
        public boolean foundNothing() {
            return runDirectories == 0 && processesKilled == 0 && problems.isEmpty();
        }
    }

    /**
     * Kills the members of every run whose owning harness is gone (crashed, or killed with
     * SIGKILL) and removes their directories. Runs whose owner is alive are left alone: another
     * harness may be running next to this one. What cannot be undone is a problem in the result,
     * not an exception: one stubborn leftover must not keep a new run from starting.
     */
    public static Sweep sweepAbandoned(Path root) {
        if (!Files.isDirectory(root)) {
            return new Sweep(0, 0, List.of(), List.of());
        }
        int dirs = 0;
        int killed = 0;
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Path> runs;
        try (Stream<Path> listing = Files.list(root)) {
            runs = listing.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            return new Sweep(0, 0, List.of(), List.of("cannot list " + root + ": " + e.getMessage()));
        }
        for (Path run : runs) {
            if (ownerAlive(run)) {
                continue;
            }
            boolean left = false;
            for (Path pidFile : memberPidFiles(run)) {
                Optional<ProcessHandle> member = ownedProcess(pidFile, run);
                if (member.isPresent()) {
                    long pid = member.get().pid();
                    Signals.resume(pid); // a SIGSTOP'd process would otherwise linger until resumed
                    member.get().destroyForcibly();
                    if (awaitExit(member.get())) {
                        killed++;
                        notes.add("killed member process " + pid + " left by " + run.getFileName());
                    } else {
                        left = true;
                        problems.add("member process " + pid + " left by " + run.getFileName() + " still alive "
                                + KILL_TIMEOUT.toSeconds() + " s after SIGKILL");
                    }
                }
            }
            if (left) {
                continue; // its pid files stay, so a later sweep finds it again
            }
            try {
                deleteTree(run);
                dirs++;
            } catch (ChaosException e) {
                problems.add(e.getMessage());
            }
        }
        return new Sweep(dirs, killed, notes, problems);
    }

    private static boolean awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static boolean ownerAlive(Path run) {
        String[] owner;
        try {
            owner = Files.readString(run.resolve("owner")).trim().split(" ");
        } catch (IOException noOwnerYet) {
            // being created right now, or died while being created: the name says whose it is
            Matcher inName = OWNER_IN_NAME.matcher(run.getFileName().toString());
            return inName.find() && ProcessHandle.of(Long.parseLong(inName.group(1))).map(ProcessHandle::isAlive)
                    .orElse(false);
        }
        try {
            Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(owner[0]));
            if (handle.isEmpty() || !handle.get().isAlive()) {
                return false;
            }
            String start = handle.get().info().startInstant().map(Instant::toString).orElse("");
            return owner.length < 2 || owner[1].equals(start);
        } catch (RuntimeException e) {
            return false; // an owner file no harness wrote
        }
    }

    private static List<Path> memberPidFiles(Path run) {
        try (Stream<Path> members = Files.list(run)) {
            return members.map(RunDirectory::pidFile).filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            return List.of(); // gone meanwhile: nothing of it can still run
        }
    }

    /** The process a pid file names, if it is still ours: its command line names this run. */
    public static Optional<ProcessHandle> ownedProcess(Path pidFile, Path run) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(run.toString())).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Removes {@code dir} and everything in it. Whatever vanishes meanwhile is not an error: a
     * member JVM's slot removed as its process exits, a standby's rehearsal directory, another
     * sweep. A directory that gains entries while it is emptied is emptied again, a few times.
     */
    public static void deleteTree(Path dir) {
        IOException last = null;
        for (int pass = 0; pass < DELETE_PASSES; pass++) {
            try {
                Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof NoSuchFileException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                        if (e != null && !(e instanceof NoSuchFileException)) {
                            throw e;
                        }
                        Files.deleteIfExists(d);
                        return FileVisitResult.CONTINUE;
                    }
                });
                return;
            } catch (DirectoryNotEmptyException e) {
                last = e; // something wrote into it meanwhile: another pass
            } catch (IOException e) {
                throw new ChaosException("cannot delete " + dir + ": " + e, e);
            }
        }
        throw new ChaosException("cannot delete " + dir + ": entries kept appearing in it while it was emptied ("
                + last + ")", last);
    }
}
