package dev.quorumchaos.glue;

import dev.quorumchaos.fault.catalog.FaultContext;
import dev.quorumchaos.fault.catalog.FaultDefinition;
import dev.quorumchaos.report.Progress;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Runs catalog faults against the scenario's ensemble: {@link FaultContext} over its parts; each kind builds its own fault. */
final class CatalogFaults implements FaultContext {

    private final Deployment deployment;
    private final Members members;
    private final Faults faults;
    private final ScenarioClock clock;
    private final Progress progress;

    CatalogFaults(Deployment deployment, Members members, Faults faults, ScenarioClock clock, Progress progress) {
        this.deployment = deployment;
        this.members = members;
        this.faults = faults;
        this.clock = clock;
        this.progress = progress;
    }

    @Override
    public int size() {
        return deployment.ensemble().size();
    }

    @Override
    public int leader() {
        return members.leader();
    }

    @Override
    public List<Integer> followers(int count) {
        return members.followers(count);
    }

    @Override
    public int randomMember() {
        return clock.random().nextInt(size());
    }

    @Override
    public int randomFollower() {
        members.followers(1); // waits for a leader; fails when there is no follower to pick
        List<Integer> followers = deployment.ensemble().view().followers();
        return followers.get(clock.random().nextInt(followers.size()));
    }

    @Override
    public List<Integer> shuffled(List<Integer> members) {
        List<Integer> copy = new ArrayList<>(members);
        Collections.shuffle(copy, clock.random());
        return copy;
    }

    @Override
    public String inject(FaultDefinition.Single fault, List<Integer> chosen, String description) {
        chosen.forEach(members::member);
        dev.quorumchaos.fault.Fault built = fault.kind().build(faults.site(), chosen, fault.options(), description);
        if (built instanceof dev.quorumchaos.fault.Procedure procedure) {
            return faults.runToEnd(procedure); // over once run; each member's turn was a window of its own
        }
        return faults.inject(built);
    }

    @Override
    public void recoverAfter(String id, Duration delay) {
        faults.injector().recoverAfter(id, delay);
    }

    @Override
    public void awaitQuorum(Duration timeout) {
        try {
            Awaitility.await("quorum").atMost(timeout).pollInterval(Duration.ofMillis(10))
                    .until(members::quorumNow);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no quorum within " + timeout.toSeconds() + " s during the fault: "
                    + deployment.ensemble().view().describe());
        }
    }

    @Override
    public void awaitAllServing(Duration timeout) {
        try {
            Awaitility.await("every member serving").atMost(timeout).pollInterval(Duration.ofMillis(10))
                    .until(members::allServing);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("members not all serving within " + timeout.toSeconds() + " s: "
                    + deployment.ensemble().view().describe());
        }
    }

    @Override
    public void await(Duration duration) {
        clock.letTimePass(duration);
    }

    @Override
    public void say(String line) {
        progress.say(line);
    }
}
