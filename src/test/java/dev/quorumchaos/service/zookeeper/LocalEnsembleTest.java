package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.platform.local.RunDirectory;
import dev.quorumchaos.platform.local.LocalTarget;
import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberState;
import dev.quorumchaos.settings.RunSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LocalEnsembleTest {

    @TempDir
    Path root;

    @Test
    void membersElectALeaderAndAKilledLeaderIsReplacedAndRestarted() throws Exception {
        History history = new History();
        try (LocalTarget target = new LocalTarget(root, RunSettings.fromSystem())) {
            Ensemble ensemble = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), history);
            await("first quorum").atMost(Duration.ofSeconds(30)).until(() -> ensemble.view().hasQuorum());
            int leader = ensemble.view().leader().orElseThrow();
            long pid = ((LocalEnsemble) ensemble).pid(leader);
            assertThat(listeningAddresses(pid)).as("member %d listens on loopback only", leader).isNotEmpty()
                    .allSatisfy(address -> assertThat(address).startsWith("127.0.0.1:"));

            ensemble.members().kill(leader);

            assertThat(ProcessHandle.of(pid)).isEmpty();
            await("new leader").atMost(Duration.ofSeconds(30)).until(() ->
                    ensemble.view().hasQuorum() && ensemble.view().leader().orElse(leader) != leader);
            await("old leader restarted and following").atMost(Duration.ofSeconds(30)).until(() ->
                    ensemble.view().state(leader) == MemberState.FOLLOWER);
            assertThat(ensemble.members().starts(leader)).isEqualTo(2);
            assertThat(history.stateChanges()).anyMatch(c -> c.member() == leader && c.state() == MemberState.DOWN);
        }
        assertThat(root).isEmptyDirectory();
    }

    /** The local addresses a process listens on, as ss reports them. */
    private static java.util.List<String> listeningAddresses(long pid) throws Exception {
        Process ss = new ProcessBuilder("ss", "-Hltnp").redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes());
        ss.waitFor();
        return out.lines().filter(l -> l.contains("pid=" + pid + ","))
                .map(l -> l.trim().split("\\s+")[3]).toList();
    }

    @Test
    void sweepKillsMembersOfARunWhoseHarnessDiedAndSparesLiveRuns() throws Exception {
        Path orphan = Files.createDirectories(root.resolve("orphan/member-0"));
        Files.writeString(root.resolve("orphan/owner"), "999999999 never\n");
        // a stand-in member: its command line names the run directory, as a real member's does
        Process stray = new ProcessBuilder("perl", "-e", "sleep 300", orphan.toString()).start();
        Files.writeString(orphan.resolve("pid"), stray.pid() + "\n");
        Process unrelated = new ProcessBuilder("sleep", "300").start();
        Files.writeString(Files.createDirectories(root.resolve("orphan/member-1")).resolve("pid"),
                unrelated.pid() + "\n");
        RunDirectory live = RunDirectory.create(root);
        try {
            RunDirectory.Sweep sweep = RunDirectory.sweepAbandoned(root);

            assertThat(sweep.processesKilled()).isEqualTo(1);
            assertThat(stray.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(unrelated.isAlive()).as("a pid whose command line does not name the run is not ours").isTrue();
            assertThat(root.resolve("orphan")).doesNotExist();
            assertThat(live.path()).exists();
        } finally {
            unrelated.destroyForcibly();
            stray.destroyForcibly();
        }
    }
}
