package dev.quorumchaos.operation;

import dev.quorumchaos.ensemble.EnsembleView;
import dev.quorumchaos.ensemble.MemberControl;
import dev.quorumchaos.fault.FaultInjector;
import dev.quorumchaos.fault.FaultSite;
import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberState;
import dev.quorumchaos.report.Progress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rolling procedure against a hand-made ensemble: the order, one member down at most, a
 * fault window per member, and each way it must stop short (a member that does not serve again,
 * or serves the old release).
 */
class RollingOperationTest {

    /** Three members; a started member serves at once at the version it was started at, unless told otherwise. */
    static final class Members implements MemberLifecycle {
        final String[] versions;
        final String[] answers;
        final boolean[] running;
        final List<String> done = Collections.synchronizedList(new ArrayList<>());
        int leader = 0;
        int maxDown;
        /** A member that, once stopped, never serves again. */
        Integer staysDown;
        /** A member that serves again at its old release whatever it was started at. */
        Integer ignoresUpgrade;

        Members(String version) {
            versions = new String[]{version, version, version};
            answers = versions.clone();
            running = new boolean[]{true, true, true};
        }

        @Override public String serviceName() { return "ZooKeeper"; }
        @Override public void prepare(String version) { done.add("prepare " + version); }
        @Override public String version(int ordinal) { return versions[ordinal]; }
        @Override public Optional<String> runningVersion(int ordinal) {
            return running[ordinal] ? Optional.of(answers[ordinal]) : Optional.empty();
        }
        @Override public boolean running(int ordinal) { return running[ordinal]; }

        @Override
        public void stop(int ordinal) {
            done.add("stop " + ordinal);
            running[ordinal] = false;
            int down = 0;
            for (boolean r : running) {
                down += r ? 0 : 1;
            }
            maxDown = Math.max(maxDown, down);
        }

        @Override
        public void start(int ordinal, String version) {
            done.add("start " + ordinal + " at " + version);
            versions[ordinal] = version;
            if (Integer.valueOf(ordinal).equals(staysDown)) {
                return;
            }
            running[ordinal] = true;
            if (!Integer.valueOf(ordinal).equals(ignoresUpgrade)) {
                answers[ordinal] = version;
            }
        }

        EnsembleView view() {
            List<MemberState> states = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                states.add(!running[i] ? MemberState.DOWN : i == leader ? MemberState.LEADER : MemberState.FOLLOWER);
            }
            return new EnsembleView(states, List.of(1L, 1L, 1L));
        }
    }

    static final class Site implements FaultSite {
        final Members members;
        final FaultInjector injector;
        final History history;
        final List<String> said = Collections.synchronizedList(new ArrayList<>());

        Site(Members members, History history) {
            this.history = history;
            this.members = members;
            this.injector = new FaultInjector(history, new MemberControl() {
                public void kill(int ordinal) { }
                public void pause(int ordinal) { }
                public void resume(int ordinal) { }
                public void loseVolume(int ordinal) { }
                public void ensureRunning(int ordinal) { }
                public int starts(int ordinal) { return 1; }
                public void onStart(IntConsumer listener) { }
            }, Progress.silent());
        }

        @Override public MemberControl members() { throw new AssertionError("not used"); }
        @Override public EnsembleView refresh() { return members.view(); }
        @Override public <T> Optional<T> capability(Class<T> type) { return Optional.empty(); }
        @Override public String targetName() { return "local"; }
        @Override public RuntimeException skip(String reason) { return new IllegalStateException(reason); }
        @Override public boolean allowsSharedNodes() { return false; }
        @Override public void say(String line) { said.add(line); }
        @Override public FaultInjector injector() { return injector; }

        @Override public History history() { return history; }
    }

    private static final Duration QUICK = Duration.ofSeconds(2);

    @Test
    void aRollingRestartTakesTheFollowersFirstOneAtATimeEachAWindowOfItsOwn() {
        Members members = new Members("3.9.5");
        members.leader = 1;
        History history = new History();
        Site site = new Site(members, history);
        RollingOperation restart = new RollingOperation(members, site,
                new RollingPlan(null, RollingOrder.FOLLOWERS_FIRST, Integer.MAX_VALUE, QUICK), 3);

        restart.apply();

        assertThat(restart.stalled()).isEmpty();
        assertThat(members.done).containsExactly("stop 0", "start 0 at 3.9.5", "stop 2", "start 2 at 3.9.5",
                "stop 1", "start 1 at 3.9.5");
        assertThat(members.maxDown).isEqualTo(1);
        assertThat(history.faultEvents()).extracting(FaultEvent::kind).containsOnly("rolling-restart");
        assertThat(history.faultEvents()).extracting(e -> e.phase() + " " + e.members()).containsExactly(
                "APPLY [0]", "RECOVER [0]", "APPLY [2]", "RECOVER [2]", "APPLY [1]", "RECOVER [1]");
        assertThat(restart.turns()).extracting(MemberTurn::role).containsExactly("follower", "follower", "leader");
        assertThat(site.said).contains("member 1 (leader) stopping for restart");
        assertThat(site.injector.activeFaults()).isEmpty();
    }

    @Test
    void anUpgradeOfOneMemberStopsHalfWayAndTheAnswerIsTheEvidence() {
        Members members = new Members("3.8.4");
        History history = new History();
        Site site = new Site(members, history);
        RollingOperation upgrade = new RollingOperation(members, site,
                new RollingPlan("3.9.5", RollingOrder.ORDINAL, 1, QUICK), 3);

        upgrade.apply();

        assertThat(members.done).containsExactly("prepare 3.9.5", "stop 0", "start 0 at 3.9.5");
        assertThat(upgrade.turns()).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo("3.8.4");
            assertThat(t.answered()).isEqualTo("3.9.5");
        });
        assertThat(Arrays.asList(members.versions)).containsExactly("3.9.5", "3.8.4", "3.8.4");
        assertThat(upgrade.outcome()).isEqualTo("1 member(s) upgraded, each serving 3.9.5 again");
    }

    @Test
    void anUpgradeSkipsMembersAlreadyAtTheRelease() {
        Members members = new Members("3.8.4");
        members.versions[0] = "3.9.5";
        members.answers[0] = "3.9.5";
        RollingOperation upgrade = new RollingOperation(members, new Site(members, new History()),
                new RollingPlan("3.9.5", RollingOrder.ORDINAL, Integer.MAX_VALUE, QUICK), 3);

        upgrade.apply();

        assertThat(members.done).doesNotContain("stop 0").contains("stop 1", "stop 2");
    }

    @Test
    void aMemberServingTheOldReleaseAfterItsUpgradeFailsAndTheRestAreNotTaken() {
        Members members = new Members("3.8.4");
        members.ignoresUpgrade = 0;
        RollingOperation upgrade = new RollingOperation(members, new Site(members, new History()),
                new RollingPlan("3.9.5", RollingOrder.ORDINAL, Integer.MAX_VALUE, QUICK), 3);

        upgrade.apply();

        assertThat(upgrade.stalled()).hasValueSatisfying(why -> assertThat(why)
                .contains("member 0 serves again but says it runs ZooKeeper 3.8.4, not 3.9.5")
                .contains("members [1, 2] were not taken"));
        assertThat(members.done).doesNotContain("stop 1");
    }

    @Test
    void aMemberThatDoesNotServeAgainStopsTheOperationAndRecoverBringsItBack() {
        Members members = new Members("3.9.5");
        members.staysDown = 1;
        History history = new History();
        Site site = new Site(members, history);
        RollingOperation restart = new RollingOperation(members, site,
                new RollingPlan(null, RollingOrder.ORDINAL, Integer.MAX_VALUE, QUICK), 3);

        restart.apply();

        assertThat(restart.stalled()).hasValueSatisfying(why -> assertThat(why)
                .contains("not whole within 2 s after member 1's restart").contains("members [2] were not taken"));
        assertThat(members.done).doesNotContain("stop 2");
        members.staysDown = null;
        site.injector.close(); // the scenario's end: member 1's window is recovered, the member started
        assertThat(members.running[1]).isTrue();
        assertThat(history.faultEvents()).filteredOn(e -> e.members().equals(List.of(1)))
                .extracting(FaultEvent::phase).containsExactly(FaultEvent.Phase.APPLY, FaultEvent.Phase.RECOVER);
    }

    @Test
    void takingMoreMembersThanThereAreIsBadInputBeforeAnythingStops() {
        Members members = new Members("3.8.4");
        assertThatThrownBy(() -> new RollingOperation(members, new Site(members, new History()),
                new RollingPlan("3.9.5", RollingOrder.ORDINAL, 4, QUICK), 3))
                .hasMessageContaining("cannot upgrade 4 members: the ZooKeeper ensemble has 3");
        assertThat(members.done).isEmpty();
    }
}
