package dev.quorumchaos.fault.catalog;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner's choices and order on a hand-written context: no cluster needed. */
class CatalogRunnerTest {

    /** Records what the runner asked for, in order. */
    static final class Recording implements FaultContext {
        final List<String> calls = new ArrayList<>();
        final Random random = new Random(1);

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
            calls.add("inject " + fault.kind() + " " + members);
            return "id-" + calls.size();
        }
        @Override public void recoverAfter(String id, Duration delay) { calls.add("recover " + id + " after " + delay.toMillis()); }
        @Override public void awaitQuorum(Duration timeout) { calls.add("await quorum"); }
        @Override public void awaitAllServing(Duration timeout) { calls.add("await all serving"); }
        @Override public void await(Duration duration) { calls.add("wait " + duration.toMillis()); }
        @Override public void say(String line) { }
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

    @Test
    void randomChoicesFollowTheSeed() throws Exception {
        Path dir = Files.createTempDirectory("catalog");
        Files.writeString(dir.resolve("roll.yaml"), "description: d\nkind: rolling\nfault: {kind: kill}\norder: random\n");
        FaultDefinition roll = FaultCatalog.load(dir).get("roll");
        Recording first = new Recording();
        Recording second = new Recording();

        new CatalogRunner(first).run(roll);
        new CatalogRunner(second).run(roll);

        assertThat(first.calls).isEqualTo(second.calls);
    }
}
