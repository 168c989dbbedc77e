package dev.quorumchaos.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The harness killed in the middle of a pause fault, the way a CI job gets cancelled: on SIGTERM
 * and SIGINT it recovers and stops its members itself; on SIGKILL it cannot, and the members (one
 * of them frozen) survive until {@code ./chaos clean} or the next run finds them by their pid
 * files. Either way nothing is left: no member process, no stopped process, no run directory.
 */
class CrashRecoveryTest {

    @TempDir
    Path work;

    private Process startHarness(String fault) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx256m", "-Dchaos.workDir=" + work,
                "-cp", System.getProperty("java.class.path"), ChaosCli.class.getName(), "run", "--target", "local",
                "--report-dir", work.resolve("reports").toString(), "src/test/resources/crash/long-" + fault + ".feature");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("harness.log").toFile()).start();
    }

    /** Member pids from the run's pid files, once the fault is in place (for a pause: a member frozen). */
    private List<ProcessHandle> membersOnceTheFaultHolds(String fault) {
        List<ProcessHandle> members = new ArrayList<>();
        await("the " + fault + " fault applied by the harness").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions() // a standby's slot, pid file included, goes as its JVM exits
                .until(() -> {
                    members.clear();
                    members.addAll(memberProcesses());
                    boolean applied = Files.readString(work.resolve("harness.log")).contains("fault applied");
                    return applied && members.size() >= 2
                            && (!fault.equals("pause") || members.stream().anyMatch(CrashRecoveryTest::stopped));
                });
        return members;
    }

    private List<ProcessHandle> memberProcesses() throws IOException {
        Path runs = work.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        List<ProcessHandle> found = new ArrayList<>();
        try (Stream<Path> pids = Files.find(runs, 3, (p, a) -> p.getFileName().toString().equals("pid"))) {
            for (Path pid : pids.toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).filter(ProcessHandle::isAlive)
                        .ifPresent(found::add);
            }
        }
        return found;
    }

    private static boolean stopped(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
        } catch (IOException gone) {
            return false;
        }
    }

    private void signal(Process harness, String signal) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(harness.pid())).start().waitFor()).isZero();
    }

    private void assertNothingLeft(List<ProcessHandle> members) {
        await("members gone").atMost(Duration.ofSeconds(20))
                .until(() -> members.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(work.resolve("runs")).satisfiesAnyOf(
                runs -> assertThat(runs).doesNotExist(),
                runs -> assertThat(runs).isEmptyDirectory());
    }

    @ParameterizedTest(name = "{1} fault, SIG{0}")
    @CsvSource({"TERM, kill", "TERM, pause", "TERM, partition", "INT, kill", "INT, pause", "INT, partition"})
    void onSigtermOrSigintTheHarnessRecoversAndStopsItsMembers(String signal, String fault) throws Exception {
        Process harness = startHarness(fault);
        List<ProcessHandle> members = membersOnceTheFaultHolds(fault);

        signal(harness, signal);

        assertThat(harness.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertNothingLeft(members);
        assertThat(Files.readString(work.resolve("harness.log"))).contains("interrupted: recovering faults");
    }

    @org.junit.jupiter.api.Test
    void aRunStartedOverACrashedRunsLeftoversSweepsThemAndStillPasses() throws Exception {
        Process harness = startHarness("pause");
        List<ProcessHandle> members = membersOnceTheFaultHolds("pause");
        List<Path> crashed;
        try (Stream<Path> runs = Files.list(work.resolve("runs"))) {
            crashed = runs.toList();
        }
        signal(harness, "KILL");
        assertThat(harness.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(members).as("a SIGKILLed harness leaves its members, one frozen").anyMatch(CrashRecoveryTest::stopped);

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream originalOut = System.out;
        String previous = System.setProperty("chaos.workDir", work.toString());
        int exit;
        try {
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            exit = ChaosCli.execute("run", "--target", "local", "--report-dir", work.resolve("next").toString(),
                    "src/test/resources/meet/short.feature");
        } finally {
            System.setOut(originalOut);
            if (previous == null) {
                System.clearProperty("chaos.workDir");
            } else {
                System.setProperty("chaos.workDir", previous);
            }
        }
        String output = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        assertThat(output).contains("swept a crashed run's leftovers: killed member process");
        assertThat(crashed).isNotEmpty().allSatisfy(dir -> assertThat(dir).doesNotExist());
        assertNothingLeft(members);
    }

    // a SIGKILL in the middle of a pause is swept by the next run, in the test above
    @ParameterizedTest(name = "{0} fault, SIGKILL, then clean")
    @ValueSource(strings = {"kill", "partition"})
    void afterSigkillCleanFindsTheMembersByTheirPidFilesAndEndsThem(String fault) throws Exception {
        Process harness = startHarness(fault);
        List<ProcessHandle> members = membersOnceTheFaultHolds(fault);

        signal(harness, "KILL");
        assertThat(harness.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(members).as("a SIGKILLed harness cannot stop its members").anyMatch(ProcessHandle::isAlive);

        String previous = System.setProperty("chaos.workDir", work.toString());
        try {
            assertThat(ChaosCli.execute("clean")).isZero();
        } finally {
            if (previous == null) {
                System.clearProperty("chaos.workDir");
            } else {
                System.setProperty("chaos.workDir", previous);
            }
        }
        assertNothingLeft(members);
        assertThat(members).noneMatch(CrashRecoveryTest::stopped);
    }
}
