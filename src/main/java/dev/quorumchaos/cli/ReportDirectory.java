package dev.quorumchaos.cli;

import dev.quorumchaos.ChaosException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A run writes its reports into a staging directory beside the final one and swaps it in when
 * done, so {@code reports/latest} is always one complete run, never half of two.
 */
final class ReportDirectory {

    private ReportDirectory() {
    }

    static Path staging(Path reportDir) {
        try {
            Path parent = reportDir.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, "." + reportDir.getFileName() + "-");
            Files.setPosixFilePermissions(staging, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            return staging;
        } catch (IOException e) {
            throw ChaosException.badInput("cannot create the report directory " + reportDir + ": " + e.getMessage(), e);
        }
    }

    static Path publish(Path staging, Path reportDir) {
        Path target = reportDir.toAbsolutePath();
        try {
            Path old = null;
            if (Files.exists(target)) {
                old = target.resolveSibling("." + target.getFileName() + "-old-" + System.nanoTime());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                deleteTree(old);
            }
            return target;
        } catch (IOException e) {
            throw new ChaosException("cannot publish reports from " + staging + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
