package dev.quorumchaos.platform.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class RunDirectoryTest {

    @TempDir
    Path root;

    /** A run directory full of slots, as a standby pool leaves it: one folder per member JVM. */
    private static List<Path> slots(Path run, int count) throws IOException {
        List<Path> slots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path slot = Files.createDirectories(run.resolve("slot-" + i).resolve("rehearsal"));
            for (int f = 0; f < 5; f++) {
                Files.writeString(slot.resolve("file-" + f), "x");
            }
            Files.writeString(slot.getParent().resolve("pid"), "1\n");
            slots.add(slot.getParent());
        }
        return slots;
    }

    @Test
    void deletingATreeThatSomeoneElseIsEmptyingIsNotAnError() throws Exception {
        // the race of issue 15: the pool removes its run directory while exiting member JVMs'
        // slots remove themselves; walking a directory whose entries vanish must not fail
        Random random = new Random(15);
        for (int round = 0; round < 5; round++) {
            Path run = Files.createDirectories(root.resolve("run-" + round));
            List<Path> slots = slots(run, 100);
            Collections.shuffle(slots, random);
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Void> emptier = CompletableFuture.runAsync(() -> {
                started.countDown();
                for (Path slot : slots) {
                    try {
                        RunDirectory.deleteTree(slot);
                    } catch (RuntimeException e) {
                        // the walk below removes it first: that is the other side of the race
                    }
                }
            });
            started.await();

            assertThatCode(() -> RunDirectory.deleteTree(run)).as("round %d", round).doesNotThrowAnyException();
            emptier.join();
            assertThat(run).doesNotExist();
        }
    }

    @Test
    void deletingWhatIsAlreadyGoneIsNotAnError() {
        assertThatCode(() -> RunDirectory.deleteTree(root.resolve("never-was"))).doesNotThrowAnyException();
    }

    @Test
    void aRunCaughtBeforeItsOwnerFileIsSparedWhileItsHarnessLives() throws Exception {
        // a harness beside this one has created its directory but not yet written the owner file
        Path creating = Files.createDirectories(root.resolve("20261202-011630-278-p" + ProcessHandle.current().pid()
                + "-123"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path crashedWhileCreating = Files.createDirectories(root.resolve("20261202-011630-279-p" + gone.pid() + "-456"));

        RunDirectory.Sweep sweep = RunDirectory.sweepAbandoned(root);

        assertThat(creating).as("its harness is alive").exists();
        assertThat(crashedWhileCreating).as("its harness is gone").doesNotExist();
        assertThat(sweep.runDirectories()).isEqualTo(1);
        assertThat(sweep.problems()).isEmpty();
    }

    @Test
    void aRunDirectoryNamesItsOwner() {
        RunDirectory dir = RunDirectory.create(root);
        assertThat(dir.path().getFileName().toString()).contains("-p" + ProcessHandle.current().pid() + "-");
        assertThat(RunDirectory.sweepAbandoned(root).foundNothing()).isTrue();
        assertThat(dir.path()).exists();
    }
}
