package dev.quorumchaos.fault.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner's choices and order on a hand-written context: no cluster needed. */
class CatalogRunnerTest {

    /** Records what the runner asked for, in order; random choices come from the given seed. */
    static final class Recording implements FaultContext {
        final List<String> calls = new ArrayList<>();
        final List<String> descriptions = new ArrayList<>();
        final List<String> said = new ArrayList<>();
        final Random random;

        Recording() {
            this(1);
        }

        Recording(long seed) {
            random = new Random(seed);
        }

        @Override public int size() { return 3; }
        @Override public int leader() { return 2; }
        @Override public List<Integer> followers(int count) { return List.of(0, 1).subList(0, count); }
        @Override public int randomMember() { return random.nextInt(3); }
        @Override public int randomFollower() { return random.nextInt(2); }
        @Override public List<Integer> shuffled(List<Integer> members) {
            List<Integer> copy = new ArrayList<>(members);
            Collections.shuffle(copy, random);
            return copy;
        }
        @Override public String inject(FaultDefinition.Single fault, List<Integer> members, String description) {
            calls.add("inject " + fault.kind().name() + " " + members);
            descriptions.add(description);
            return "id-" + calls.size();
        }
        @Override public void recoverAfter(String id, Duration delay) { calls.add("recover " + id + " after " + delay.toMillis()); }
        @Override public void awaitQuorum(Duration timeout) { calls.add("await quorum"); }
        @Override public void awaitAllServing(Duration timeout) { calls.add("await all serving"); }
        @Override public void await(Duration duration) { calls.add("wait " + duration.toMillis()); }
        @Override public void say(String line) { said.add(line); }
    }

    private static FaultDefinition load(String name) {
        return FaultCatalog.load(Path.of("faults")).get(name);
    }

    @Test
    void aRollingKillHitsEachMemberInTurnAndWaitsInBetween() {
        Recording context = new Recording();

        new CatalogRunner(context).run(load("rolling-kill"));

        assertThat(context.calls).containsExactly("inject kill [0]", "await all serving", "inject kill [1]",
                "await all serving", "inject kill [2]", "await all serving");
    }

    @Test
    void aSequenceRunsItsStepsInOrderAndSchedulesRecovery() {
        Recording context = new Recording();

        new CatalogRunner(context).run(load("kill-then-pause-new-leader"));

        assertThat(context.calls).containsExactly("inject kill [2]", "await quorum", "inject pause [2]",
                "recover id-3 after 5000", "wait 1000");
    }

    @Test
    void aRepeatInjectsOncePerPeriod() {
        Recording context = new Recording();

        new CatalogRunner(context).run(load("kill-leader-every-20s"));

        assertThat(context.calls).filteredOn(c -> c.startsWith("inject")).hasSize(6);
        assertThat(context.calls).filteredOn(c -> c.equals("wait 20000")).hasSize(6);
    }

    @TempDir
    Path dir;

    private FaultDefinition write(String name, String yaml) throws Exception {
        Files.writeString(dir.resolve(name + ".yaml"), yaml);
        return FaultCatalog.load(dir).get(name);
    }

    @Test
    void randomChoicesFollowTheSeed() throws Exception {
        FaultDefinition roll = write("roll", "description: d\nkind: rolling\nfault: {kind: kill}\norder: random\n");
        FaultDefinition pick = write("pick", "description: d\nkind: kill\ntarget: random member\n");
        Set<List<String>> orders = new HashSet<>();
        Set<List<String>> picks = new HashSet<>();

        for (long seed = 0; seed < 20; seed++) {
            Recording first = new Recording(seed);
            Recording again = new Recording(seed);
            new CatalogRunner(first).run(roll);
            new CatalogRunner(again).run(roll);
            assertThat(again.calls).as("seed %d run twice", seed).isEqualTo(first.calls);
            orders.add(first.calls);
            Recording picked = new Recording(seed);
            new CatalogRunner(picked).run(pick);
            picks.add(picked.calls);
        }

        // other seeds, other orders: a runner (or context) that ignored the seed would give one order only
        assertThat(orders).hasSizeGreaterThan(1).contains(List.of("inject kill [2]", "await all serving",
                "inject kill [0]", "await all serving", "inject kill [1]", "await all serving"));
        assertThat(picks).containsExactlyInAnyOrder(List.of("inject kill [0]"), List.of("inject kill [1]"),
                List.of("inject kill [2]"));
    }

    @Test
    void aSingleFaultHitsTheMembersItsTargetNamesNowAndSaysSo() throws Exception {
        Recording context = new Recording();
        FaultDefinition leader = write("kill-leader", "description: d\nkind: kill\ntarget: leader\n");
        FaultDefinition followers = write("kill-followers", "description: d\nkind: kill\ntarget: 2 followers\n");
        FaultDefinition member = write("pause-member", "description: d\nkind: pause\ntarget: member 1\nduration: 2s\n");

        CatalogRunner runner = new CatalogRunner(context);
        runner.run(leader);
        runner.run(followers);
        runner.run(member);

        assertThat(context.calls).containsExactly("inject kill [2]", "inject kill [0, 1]", "inject pause [1]",
                "recover id-3 after 2000");
        assertThat(context.descriptions).containsExactly("kill leader (member 2)", "kill 2 followers [0, 1]",
                "pause member 1 (member 1) for 2 s");
        assertThat(context.said).containsExactly("fault 'kill-leader': kill leader", "fault 'kill-followers': kill 2"
                + " followers", "fault 'pause-member': pause member 1 for 2 s");
    }

    @Test
    void aPartitionThatPicksItsSidesFromTheLeaderNamesNoMembers() throws Exception {
        Recording context = new Recording();
        FaultDefinition split = write("split", "description: d\nkind: partition\nshape: split\nduration: 20s\n");

        new CatalogRunner(context).run(split);

        assertThat(context.calls).containsExactly("inject partition []", "recover id-1 after 20000");
        assertThat(context.descriptions).containsExactly("partition (split, leader in the minority) for 20 s");
    }

    @Test
    void aRollingFaultWithADurationRecoversEachMemberBeforeMovingOn() throws Exception {
        Recording context = new Recording();
        FaultDefinition roll = write("roll", "description: d\nkind: rolling\nfault: {kind: pause, duration: 3s}\n");

        new CatalogRunner(context).run(roll);

        assertThat(context.calls).containsExactly("inject pause [0]", "recover id-1 after 3000", "await all serving",
                "inject pause [1]", "recover id-4 after 3000", "await all serving",
                "inject pause [2]", "recover id-7 after 3000", "await all serving");
        assertThat(context.descriptions).containsExactly("pause member 0 (rolling)", "pause member 1 (rolling)",
                "pause member 2 (rolling)");
    }

    @Test
    void aRandomFollowerIsChosenFromTheFollowers() throws Exception {
        Recording context = new Recording(3);
        FaultDefinition lose = write("lose", "description: d\nkind: volume-loss\ntarget: random follower\n");

        new CatalogRunner(context).run(lose);

        assertThat(context.calls).singleElement().isIn("inject volume-loss [0]", "inject volume-loss [1]");
    }
}
