package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.platform.local.RunDirectory;
import dev.quorumchaos.platform.local.LocalTarget;
import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.history.History;
import dev.quorumchaos.settings.RunSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

class StandbyPoolTest {

    @TempDir
    Path root;

    /** Pids in the pid files of the pool's slots under {@code root}. */
    private static Set<Long> slotPids(Path root) throws IOException {
        Set<Long> pids = new HashSet<>();
        if (!Files.isDirectory(root)) {
            return pids;
        }
        try (Stream<Path> files = Files.find(root, 3, (p, a) -> p.getFileName().toString().equals("pid")
                && p.getParent().getFileName().toString().startsWith("slot-"))) {
            for (Path file : files.toList()) {
                try {
                    pids.add(Long.parseLong(Files.readString(file).trim()));
                } catch (java.nio.file.NoSuchFileException gone) {
                    // its slot went with its JVM meanwhile
                }
            }
        }
        return pids;
    }

    @Test
    void membersComeFromStandbysAndAreOrdinaryProcessesOfTheirOwn() throws Exception {
        try (LocalTarget target = new LocalTarget(root, RunSettings.fromSystem())) {
            target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History()).close(); // closing between scenarios fills the pool
            StandbyPool pool = standbyPool(root);
            await("three warm standbys").atMost(Duration.ofSeconds(30)).until(() -> pool.warm() >= 3);
            Set<Long> standbys = slotPids(root);

            LocalEnsemble ensemble = (LocalEnsemble) target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History());
            await("quorum").atMost(Duration.ofSeconds(30)).until(() -> ensemble.view().hasQuorum());

            Set<Long> members = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                long pid = ensemble.pid(i);
                members.add(pid);
                ProcessHandle member = ProcessHandle.of(pid).orElseThrow();
                assertThat(member.parent().map(ProcessHandle::pid)).contains(ProcessHandle.current().pid());
                assertThat(member.info().commandLine().orElse("")).contains(StandbyMain.class.getName());
                assertThat(Files.readString(ensemble.directory().resolve("member-" + i).resolve("member.log")))
                        .contains("QuorumPeerMain - Starting quorum peer, myid=" + (i + 1));
            }
            assertThat(members).hasSize(3).isSubsetOf(standbys);

            long before = ensemble.pid(0);
            ensemble.kill(0);
            assertThat(ProcessHandle.of(before)).isEmpty();
            await("member 0 back").atMost(Duration.ofSeconds(30)).until(() -> ensemble.isAlive(0)
                    && ensemble.view().state(0).serving());
            assertThat(ensemble.pid(0)).isNotEqualTo(before);
            assertThat(ensemble.members().starts(0)).isEqualTo(2);
        }
        assertThat(slotPids(root)).as("the last target to close ends the pool").isEmpty();
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void aStandbyNeverTakenExitsWhenTheHarnessEndCloses() throws Exception {
        StandbyPool pool = standbyPool(root);
        try {
            StandbyPool.Standby standby = pool.launch(List.of());
            await("standby warm").atMost(Duration.ofSeconds(30))
                    .until(() -> Files.readString(standby.slot().resolve("standby.log")).contains(StandbyMain.READY));

            standby.process().getOutputStream().close(); // what a harness's death does to the pipe

            assertThat(standby.process().waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(standby.process().exitValue()).isZero();
        } finally {
            pool.close();
        }
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void closingWhileSlotsRemoveThemselvesIsNotAnError() throws Exception {
        // the run of issue 15 that exited 1: the pool's directory went while exiting JVMs removed their slots
        for (int round = 0; round < 2; round++) {
            StandbyPool pool = standbyPool(root);
            List<StandbyPool.Standby> standbys = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                standbys.add(pool.launch(List.of()));
            }

            assertThatCode(pool::close).as("round %d", round).doesNotThrowAnyException();

            assertThat(standbys).noneMatch(s -> s.process().isAlive());
            assertThat(root).isEmptyDirectory();
        }
    }

    @Test
    void aMemberJvmThatCannotStartSaysWhyInItsMemberLog() {
        System.setProperty("chaos.member.jvmFlags", "-XX:+NoSuchOptionAnywhere");
        System.setProperty("chaos.standbyMembers", "false");
        try (LocalTarget target = new LocalTarget(root, RunSettings.fromSystem())) {
            LocalEnsemble ensemble = (LocalEnsemble) target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History());
            Path log = ensemble.directory().resolve("member-0").resolve("member.log");
            await("the JVM's own complaint in member.log").atMost(Duration.ofSeconds(30))
                    .until(() -> Files.exists(log) && Files.readString(log).contains("NoSuchOptionAnywhere"));
            assertThat(ensemble.view().hasQuorum()).isFalse();
        } finally {
            System.clearProperty("chaos.member.jvmFlags");
            System.clearProperty("chaos.standbyMembers");
        }
    }

    @Test
    void standbysStartedForARunAreStoppedWhenNoTargetTookThem() throws Exception {
        String previous = System.setProperty("chaos.workDir", root.toString());
        try {
            ZooKeeperStandbys.start(RunSettings.fromSystem(), 2);
            await("two standbys").atMost(Duration.ofSeconds(30)).until(() -> slotPids(RunSettings.fromSystem().runsDir()).size() == 2);
            List<ProcessHandle> standbys = slotPids(RunSettings.fromSystem().runsDir()).stream()
                    .map(pid -> ProcessHandle.of(pid).orElseThrow()).toList();

            ZooKeeperStandbys.stop(RunSettings.fromSystem());

            assertThat(standbys).noneMatch(ProcessHandle::isAlive);
            assertThat(RunSettings.fromSystem().runsDir()).isEmptyDirectory();
        } finally {
            if (previous == null) {
                System.clearProperty("chaos.workDir");
            } else {
                System.setProperty("chaos.workDir", previous);
            }
        }
    }

    /** The pool at {@code root}, as this JVM's settings open it. */
    private static StandbyPool standbyPool(java.nio.file.Path root) {
        RunSettings settings = RunSettings.fromSystem();
        return StandbyPool.at(root, MemberLauncher.fromHarnessClasspath(settings), settings.standbyMembers());
    }
}
