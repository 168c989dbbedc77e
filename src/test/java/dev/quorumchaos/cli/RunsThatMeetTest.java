package dev.quorumchaos.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs that meet each other in one checkout (one work directory): a second run on the same
 * reports refuses at once; one with reports of its own runs beside the first; {@code clean}
 * leaves a live run alone. And a run's tidy-up that fails is a warning, not a failed run (where
 * the test can make a file undeletable: chattr as root, permissions otherwise).
 */
class RunsThatMeetTest {

    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private String originalWorkDir;

    @BeforeEach
    void inThisWorkDirectory() {
        originalOut = System.out;
        originalErr = System.err;
        // the output still shows, and the test can read it
        System.setOut(new PrintStream(new Tee(out, originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, originalErr), true, StandardCharsets.UTF_8));
        originalWorkDir = System.setProperty("chaos.workDir", work.toString());
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        if (originalWorkDir == null) {
            System.clearProperty("chaos.workDir");
        } else {
            System.setProperty("chaos.workDir", originalWorkDir);
        }
    }

    private Process startHarness(Path reportDir, String feature) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx256m", "-Dchaos.workDir=" + work,
                "-cp", System.getProperty("java.class.path"), ChaosCli.class.getName(), "run", "--target", "local",
                "--report-dir", reportDir.toString(), "src/test/resources/meet/" + feature + ".feature");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("first.log").toFile()).start();
    }

    private int run(Path reportDir, String feature) {
        return ChaosCli.execute("run", "--target", "local", "--report-dir", reportDir.toString(),
                "src/test/resources/meet/" + feature + ".feature");
    }

    private List<Path> runDirectories() throws IOException {
        Path runs = work.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.toList();
        }
    }

    /** The live member processes of the first run, once it has quorum. */
    private List<ProcessHandle> membersOnceServing() {
        List<ProcessHandle> members = new ArrayList<>();
        await("the first run's ensemble serving").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> {
                    members.clear();
                    try (Stream<Path> pids = Files.find(work.resolve("runs"), 3,
                            (p, a) -> p.getFileName().toString().equals("pid")
                                    && p.getParent().getFileName().toString().startsWith("member-"))) {
                        for (Path pid : pids.toList()) {
                            ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
                                    .filter(ProcessHandle::isAlive).ifPresent(members::add);
                        }
                    }
                    return members.size() == 3
                            && Files.readString(work.resolve("first.log")).contains("When 15 seconds pass");
                });
        return members;
    }

    /**
     * One test, since each run boots an ensemble: the first run is a separate harness; the ones
     * that meet it run in this JVM with the same work directory.
     */
    @Test
    void aSecondRunOnTheSameReportsRefusesAtOnceOneWithItsOwnRunsBesideAndCleanSparesBoth() throws Exception {
        Path reports = work.resolve("reports/latest");
        Process first = startHarness(reports, "long-wait");
        try {
            List<ProcessHandle> members = membersOnceServing();
            List<Path> before = runDirectories();

            long start = System.nanoTime();
            int refused = run(reports, "short");
            long refusedAfterMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(refused).isEqualTo(ChaosCli.BAD_INPUT);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("another ./chaos run (pid " + first.pid() + ") is writing its reports to " + reports)
                    .contains("--report-dir").doesNotContain("\tat ");
            assertThat(refusedAfterMs).as("refused at once, before the feature check").isLessThan(5_000);
            assertThat(runDirectories()).as("the refused run started nothing").isEqualTo(before);

            assertThat(ChaosCli.execute("clean")).isZero();
            assertThat(members).as("clean never touches a live run's members").allMatch(ProcessHandle::isAlive);
            assertThat(runDirectories()).containsAll(before);

            // a run with reports of its own works beside the first; its tidy-up is made to fail on the way
            Path stuck = work.resolve("stuck-file-path");
            Thread saboteur = sabotage(before, stuck);
            int beside = run(work.resolve("own-reports/latest"), "short");
            saboteur.join(10_000);
            if (first.isAlive()) {
                assertThat(members).as("the second run's sweep spared the first run").allMatch(ProcessHandle::isAlive);
            }
            assertThat(beside).as("a passed run whose run directory cannot be removed still exits 0").isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 passed, 0 failed");
            if (Files.exists(stuck)) {
                assertThat(err.toString(StandardCharsets.UTF_8)).contains("chaos: warning: ")
                        .contains(Files.readString(stuck)).doesNotContain("\tat ");
                Undeletable.undo(Path.of(Files.readString(stuck)));
            }

            assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String firstLog = Files.readString(work.resolve("first.log"));
            assertThat(first.exitValue()).as(firstLog).isZero();
            assertThat(firstLog).as("no member of the first run was killed by the others").doesNotContain("-> down")
                    .doesNotContain("\tat ");
            assertThat(work.resolve("reports/latest/results.json")).exists();
            assertThat(work.resolve("own-reports/latest/results.json")).exists();
            dev.quorumchaos.report.ResultsSchema.assertValid(work.resolve("reports/latest/results.json"));
            dev.quorumchaos.report.ResultsSchema.assertValid(work.resolve("own-reports/latest/results.json"));
        } finally {
            first.destroyForcibly();
            first.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** Makes a file in the next new run's member directory undeletable, and writes its path to {@code marker}. */
    private Thread sabotage(List<Path> existing, Path marker) {
        Thread saboteur = new Thread(() -> {
            try {
                await("a member directory of the new run").atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(50)).until(() -> memberDirectory(existing).isPresent());
                Path file = Files.writeString(memberDirectory(existing).orElseThrow().resolve("stuck"), "x");
                if (Undeletable.make(file)) {
                    Files.writeString(marker, file.toString());
                }
            } catch (IOException | RuntimeException e) {
                // no sabotage: the run is then only a run beside the first
            }
        }, "saboteur");
        saboteur.start();
        return saboteur;
    }

    private java.util.Optional<Path> memberDirectory(List<Path> existing) throws IOException {
        for (Path run : runDirectories()) {
            Path member = run.resolve("member-0");
            if (!existing.contains(run) && Files.isDirectory(member)) {
                return java.util.Optional.of(member);
            }
        }
        return java.util.Optional.empty();
    }

    /** Writes to two streams: what the test reads, and the terminal. */
    private static final class Tee extends OutputStream {
        private final OutputStream one;
        private final OutputStream two;

        Tee(OutputStream one, OutputStream two) {
            this.one = one;
            this.two = two;
        }

        @Override
        public void write(int b) throws IOException {
            one.write(b);
            two.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            one.write(b, off, len);
            two.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            one.flush();
            two.flush();
        }
    }

    /**
     * A file the harness cannot remove, for real: immutable (chattr +i) where the tests run as
     * root, whom permissions do not stop; else a directory without write permission.
     */
    private static final class Undeletable {

        private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

        static boolean make(Path file) {
            try {
                return (ROOT ? new ProcessBuilder("chattr", "+i", file.toString())
                        : new ProcessBuilder("chmod", "555", file.getParent().toString())).start().waitFor() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        static void undo(Path file) throws Exception {
            if (ROOT) {
                new ProcessBuilder("chattr", "-i", file.toString()).start().waitFor();
            } else {
                new ProcessBuilder("chmod", "755", file.getParent().toString()).start().waitFor();
            }
        }
    }
}
