package dev.quorumchaos.cli;

import dev.quorumchaos.ChaosException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One run at a time per report directory. Two runs in one checkout each get their own run
 * directory and ports, but {@code reports/latest} can hold only one of them: the second run to
 * ask refuses at once rather than replace the first one's reports under it. An OS file lock, so
 * a crashed run holds nothing: the kernel releases it with the process.
 */
final class ReportLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private ReportLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code reportDir}, or says who holds it (bad input: exit 2, nothing started). */
    static ReportLock acquire(Path reportDir) {
        Path target = reportDir.toAbsolutePath();
        Path file = target.resolveSibling("." + target.getFileName() + ".lock");
        FileChannel channel;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw ChaosException.badInput("cannot create the report directory " + reportDir + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw ChaosException.badInput("cannot lock " + file + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            String holder = holder(file);
            closeQuietly(channel);
            throw ChaosException.badInput("another ./chaos run" + holder + " is writing its reports to " + reportDir
                    + "; nothing was started. Wait for it to finish, or give this run a report directory of its"
                    + " own with --report-dir.");
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            // the pid is only for the message another run prints
        }
        return new ReportLock(channel, lock);
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file).trim();
            return pid.matches("\\d+") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the channel either way
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
    }
}
