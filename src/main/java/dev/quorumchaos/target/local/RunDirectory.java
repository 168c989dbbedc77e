package dev.quorumchaos.target.local;

import dev.quorumchaos.ChaosException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The directory one local ensemble lives in: a folder per member with its config, data, log and
 * pid file, and an owner file naming the harness process. Whatever a crashed harness left is
 * found through these files, never by matching process names: a pid counts only while that
 * process's command line still names this directory.
 */
public final class RunDirectory {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /** Where every run directory goes: {@code .chaos/runs} under the working directory. */
    public static Path root() {
        return Path.of(System.getProperty("chaos.workDir", ".chaos")).toAbsolutePath().resolve("runs");
    }

    public static RunDirectory create(Path root) {
        try {
            Files.createDirectories(root);
            Path dir = Files.createTempDirectory(root, STAMP.format(Instant.now()) + "-");
            ProcessHandle self = ProcessHandle.current();
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

    static Path pidFile(Path memberDir) {
        return memberDir.resolve("pid");
    }

    /** Writes {@code dir}'s pid file whole (through a rename), so no reader sees it half-written. */
    static void writePid(Path dir, long pid) throws IOException {
        Path tmp = Files.createTempFile(dir, ".pid", ".tmp");
        Files.writeString(tmp, pid + "\n");
        Files.move(tmp, pidFile(dir), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    public void delete() {
        deleteTree(dir);
    }

    /** What a sweep found and undid. */
    public record Sweep(int runDirectories, int processesKilled, List<String> notes) {
        public boolean foundNothing() {
            return runDirectories == 0 && processesKilled == 0;
        }
    }

    /**
     * Kills the members of every run whose owning harness is gone (crashed, or killed with
     * SIGKILL) and removes their directories. Runs whose owner is alive are left alone: another
     * harness may be running next to this one.
     */
    public static Sweep sweepAbandoned(Path root) {
        if (!Files.isDirectory(root)) {
            return new Sweep(0, 0, List.of());
        }
        int dirs = 0;
        int killed = 0;
        List<String> notes = new ArrayList<>();
        try (Stream<Path> runs = Files.list(root)) {
            for (Path run : runs.filter(Files::isDirectory).toList()) {
                if (ownerAlive(run)) {
                    continue;
                }
                for (Path pidFile : memberPidFiles(run)) {
                    Optional<ProcessHandle> member = ownedProcess(pidFile, run);
                    if (member.isPresent()) {
                        long pid = member.get().pid();
                        Signals.resume(pid); // a SIGSTOP'd process would otherwise linger until resumed
                        member.get().destroyForcibly();
                        member.get().onExit().join();
                        killed++;
                        notes.add("killed member process " + pid + " left by " + run.getFileName());
                    }
                }
                deleteTree(run);
                dirs++;
            }
        } catch (IOException e) {
            throw new ChaosException("cannot sweep " + root + ": " + e.getMessage(), e);
        }
        return new Sweep(dirs, killed, notes);
    }

    private static boolean ownerAlive(Path run) {
        try {
            String[] owner = Files.readString(run.resolve("owner")).trim().split(" ");
            Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(owner[0]));
            if (handle.isEmpty() || !handle.get().isAlive()) {
                return false;
            }
            String start = handle.get().info().startInstant().map(Instant::toString).orElse("");
            return owner.length < 2 || owner[1].equals(start);
        } catch (IOException | RuntimeException e) {
            return false; // no readable owner: a run that died while being created
        }
    }

    private static List<Path> memberPidFiles(Path run) throws IOException {
        try (Stream<Path> members = Files.list(run)) {
            return members.map(RunDirectory::pidFile).filter(Files::isRegularFile).toList();
        }
    }

    /** The process a pid file names, if it is still ours: its command line names this run. */
    static Optional<ProcessHandle> ownedProcess(Path pidFile, Path run) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(run.toString())).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new ChaosException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
