package dev.quorumchaos.service.zookeeper;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive of a member JVM's classes, which cuts a member's start by about
 * a quarter (measured: 3-member boot to quorum 1.33 s without, 0.98 s with). There is none at
 * first: the first ensemble's members record their classes as they exit (they are stopped with
 * SIGTERM instead of SIGKILL for that), and every later member starts from the archive. Only an
 * ensemble that reached quorum keeps its recording: one closed sooner has loaded too little. The
 * archive is keyed by the JVM and the member classpath, so an upgrade of either makes a new one;
 * a jar rewritten in place since the recording makes it stale (the JVM would ignore it without a
 * word), and the next ensemble records it again.
 */
final class ClassDataArchive {

    /**
     * Java 17 updates relocate every archive to a random address by default
     * ({@code ArchiveRelocationMode=1}): rewriting its pointers costs a member about 30 ms of CPU
     * at each start (measured with perf stat). Mapped where it was recorded, it needs none; the
     * JVM still relocates if that address is taken. The flag is diagnostic, known to Java 14-25.
     */
    private static final List<String> AT_RECORDED_ADDRESS = Runtime.version().feature() <= 25
            ? List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0") : List.of();

    private final Path archive;
    private final List<Path> jars;
    private boolean recording;

    /** @param vmVersion the harness JVM's {@code java.vm.version}: an archive is only good for the JVM that wrote it */
    ClassDataArchive(Path dir, String java, String classpath, String vmVersion) {
        this.archive = dir.resolve("member-" + key(java + "|" + vmVersion + "|" + classpath) + ".jsa");
        this.jars = Arrays.stream(classpath.split(File.pathSeparator)).map(Path::of).toList();
    }

    /** There, and no jar of the classpath is newer: the JVM will map it. */
    private boolean usable() {
        if (!Files.isReadable(archive)) {
            return false;
        }
        try {
            FileTime recorded = Files.getLastModifiedTime(archive);
            for (Path jar : jars) {
                if (Files.exists(jar) && Files.getLastModifiedTime(jar).compareTo(recorded) > 0) {
                    Files.deleteIfExists(archive); // stale: the next ensemble records a new one
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String key(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decides, for a new ensemble, whether its members use the archive or record it. */
    synchronized Use forNextEnsemble() {
        if (usable()) {
            return Use.USE;
        }
        if (!recording) {
            recording = true;
            return Use.RECORD;
        }
        return Use.NONE;
    }

    enum Use { USE, RECORD, NONE }

    List<String> flags(Use use, Path memberDir) {
        return switch (use) {
            case USE -> Stream.concat(Stream.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"),
                    AT_RECORDED_ADDRESS.stream()).toList();
            case RECORD -> List.of("-XX:ArchiveClassesAtExit=" + recorded(memberDir));
            case NONE -> List.of();
        };
    }

    /** For a JVM started before its ensemble: the archive if there is one, else nothing to record. */
    synchronized List<String> flagsForStandby() {
        return usable() ? flags(Use.USE, null) : List.of();
    }

    static Path recorded(Path memberDir) {
        return memberDir.resolve("classes.jsa");
    }

    /** Forgets what the members recorded: the next ensemble records again. */
    synchronized void discard() {
        recording = false;
    }

    /** Keeps the first archive a member recorded; a failure only means the next run records again. */
    synchronized void adopt(List<Path> memberDirs) {
        try {
            for (Path dir : memberDirs) {
                Path recorded = recorded(dir);
                if (Files.isRegularFile(recorded) && Files.size(recorded) > 0 && !Files.exists(archive)) {
                    Files.createDirectories(archive.getParent());
                    Path tmp = Files.createTempFile(archive.getParent(), ".member", ".jsa");
                    Files.copy(recorded, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            // no archive this time: members start without one
        } finally {
            recording = false;
        }
    }
}
