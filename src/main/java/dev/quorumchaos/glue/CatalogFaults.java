package dev.quorumchaos.glue;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.fault.Fault;
import dev.quorumchaos.fault.catalog.FaultContext;
import dev.quorumchaos.fault.catalog.FaultDefinition;
import dev.quorumchaos.fault.kill.KillMembers;
import dev.quorumchaos.fault.pause.PauseMember;
import dev.quorumchaos.fault.pod.DeletePod;
import dev.quorumchaos.fault.volume.LoseVolume;
import org.awaitility.core.ConditionTimeoutException;
import org.opentest4j.TestAbortedException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.awaitility.Awaitility;

/** Runs catalog faults against the scenario's ensemble: {@link FaultContext} over the world. */
final class CatalogFaults implements FaultContext {

    private final ScenarioWorld world;

    CatalogFaults(ScenarioWorld world) {
        this.world = world;
    }

    @Override
    public int size() {
        return world.ensemble().size();
    }

    @Override
    public int leader() {
        return world.leader();
    }

    @Override
    public List<Integer> followers(int count) {
        return world.followers(count);
    }

    @Override
    public int randomMember() {
        return world.random().nextInt(size());
    }

    @Override
    public int randomFollower() {
        world.followers(1); // waits for a leader; fails when there is no follower to pick
        List<Integer> followers = world.ensemble().view().followers();
        return followers.get(world.random().nextInt(followers.size()));
    }

    @Override
    public List<Integer> shuffled(List<Integer> members) {
        List<Integer> copy = new ArrayList<>(members);
        Collections.shuffle(copy, world.random());
        return copy;
    }

    @Override
    public String inject(FaultDefinition.Single fault, List<Integer> members, String description) {
        members.forEach(world::member);
        if (fault.kind().equals("partition")) {
            var shapes = dev.quorumchaos.fault.partition.PartitionShapes.of(world.ensemble().refresh());
            var shape = switch (fault.options().get("shape")) {
                case "split" -> shapes.splitLeaderInMinority();
                case "bridge" -> shapes.bridge();
                default -> shapes.isolate(members.get(0));
            };
            return world.partition(shape, dev.quorumchaos.fault.partition.LinkBehaviour.blackhole());
        }
        if (fault.target() != null && fault.target().node()) {
            String id = world.injectNodeFault(fault.kind(), members.get(0), fault.options().get("taint"));
            return id;
        }
        return world.inject(build(fault, members, description));
    }

    private Fault build(FaultDefinition.Single fault, List<Integer> members, String description) {
        var control = world.ensemble().members();
        return switch (fault.kind()) {
            case "kill" -> new KillMembers(control, members, description);
            case "pause" -> single(members, description, m -> new PauseMember(control, m, description));
            case "volume-loss" -> single(members, description, m -> new LoseVolume(control, m, description));
            case "pod-delete" -> single(members, description, m -> new DeletePod(world.podsOrSkip("deleting a pod"), m,
                    null, description));
            default -> throw new ChaosException("fault kind '" + fault.kind() + "' is not available on the "
                    + world.ensemble().targetName() + " target");
        };
    }

    private static Fault single(List<Integer> members, String description, java.util.function.IntFunction<Fault> f) {
        if (members.size() != 1) {
            throw ChaosException.badInput("'" + description + "' hits one member at a time, not " + members);
        }
        return f.apply(members.get(0));
    }

    @Override
    public void recoverAfter(String id, Duration delay) {
        world.faults().recoverAfter(id, delay);
    }

    @Override
    public void awaitQuorum(Duration timeout) {
        try {
            Awaitility.await("quorum").atMost(timeout).pollInterval(Duration.ofMillis(10))
                    .until(world::quorumNow);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no quorum within " + timeout.toSeconds() + " s during the fault: "
                    + world.ensemble().view().describe());
        }
    }

    @Override
    public void awaitAllServing(Duration timeout) {
        try {
            Awaitility.await("every member serving").atMost(timeout).pollInterval(Duration.ofMillis(10))
                    .until(() -> world.ensemble().view().states().stream().allMatch(s -> s.serving()));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("members not all serving within " + timeout.toSeconds() + " s: "
                    + world.ensemble().view().describe());
        }
    }

    @Override
    public void await(Duration duration) {
        world.letTimePass(duration);
    }

    @Override
    public void say(String line) {
        world.progress().say(line);
    }

    static TestAbortedException needsNodes(String what, String target) {
        return new TestAbortedException("skipped: " + what + " needs Kubernetes nodes; the " + target
                + " target has none");
    }

    static Random seeded(long seed, String scenario) {
        return new Random(seed * 31 + scenario.hashCode());
    }
}
