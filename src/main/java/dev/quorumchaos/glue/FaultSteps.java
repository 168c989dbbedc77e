package dev.quorumchaos.glue;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.fault.catalog.CatalogRunner;
import dev.quorumchaos.fault.kill.KillMembers;
import dev.quorumchaos.fault.pause.PauseMember;
import dev.quorumchaos.fault.pod.DeletePod;
import dev.quorumchaos.fault.pod.PodDeleteKind;
import dev.quorumchaos.fault.volume.LoseVolume;
import io.cucumber.java.en.When;

import java.time.Duration;
import java.util.List;


/** Faults on members: each step chooses its members now, then injects them. */
public class FaultSteps {

    private final Deployment deployment;
    private final Members members;
    private final Faults faults;
    private final ScenarioClock clock;
    private final ScenarioSettings settings;

    public FaultSteps(Deployment deployment, Members members, Faults faults, ScenarioClock clock,
                      ScenarioSettings settings) {
        this.deployment = deployment;
        this.members = members;
        this.faults = faults;
        this.clock = clock;
        this.settings = settings;
    }

    @When("the leader is killed")
    @Example("the leader is killed")
    public void theLeaderIsKilled() {
        int leader = members.leader();
        kill(List.of(leader), "kill leader (member " + leader + ")");
    }

    @When("member {int} is killed")
    @Example("member 2 is killed")
    public void memberIsKilled(int ordinal) {
        kill(List.of(members.member(ordinal)), "kill member " + ordinal);
    }

    @When("{int} followers are killed")
    @Example("2 followers are killed")
    public void followersAreKilled(int count) {
        List<Integer> followers = members.followers(count);
        kill(followers, "kill " + count + " follower(s) " + followers);
    }

    private void kill(List<Integer> victims, String description) {
        faults.inject(new KillMembers(deployment.ensemble().members(), victims, description));
    }

    @When("the leader's pod is deleted")
    @Example("the leader's pod is deleted")
    public void theLeadersPodIsDeleted() {
        int leader = members.leader();
        deletePod(leader, null, "delete the pod of the leader (member " + leader + ")");
    }

    @When("member {int}'s pod is deleted")
    @Example("member 1's pod is deleted")
    public void membersPodIsDeleted(int ordinal) {
        deletePod(members.member(ordinal), null, "delete the pod of member " + ordinal);
    }

    @When("the leader's pod is deleted with a grace period of {int} second(s)")
    @Example("the leader's pod is deleted with a grace period of 5 seconds")
    public void theLeadersPodIsDeletedWithGrace(int seconds) {
        int leader = members.leader();
        deletePod(leader, grace(seconds), "delete the pod of the leader (member " + leader + ") with grace " + seconds + " s");
    }

    @When("member {int}'s pod is deleted with a grace period of {int} second(s)")
    @Example("member 1's pod is deleted with a grace period of 5 seconds")
    public void membersPodIsDeletedWithGrace(int ordinal, int seconds) {
        deletePod(members.member(ordinal), grace(seconds), "delete the pod of member " + ordinal + " with grace " + seconds + " s");
    }

    private static Duration grace(int seconds) {
        if (seconds < 1) {
            throw ChaosException.badInput("a grace period of " + seconds + " s is a force deletion: the Pod object goes at"
                    + " once while its JVM may still run, and the StatefulSet may start a second one beside it; write 1"
                    + " second or more, or 'the leader is killed' for a crash");
        }
        return Duration.ofSeconds(seconds);
    }

    private void deletePod(int member, Duration grace, String description) {
        faults.inject(new DeletePod(PodDeleteKind.pods(faults.site(), "deleting a pod"), member, grace, description));
    }

    @When("the leader is paused for {int} seconds")
    @Example("the leader is paused for 5 seconds")
    public void theLeaderIsPaused(int seconds) {
        int leader = members.leader();
        pause(leader, seconds, "pause leader (member " + leader + ") for " + seconds + " s");
    }

    @When("member {int} is paused for {int} seconds")
    @Example("member 1 is paused for 5 seconds")
    public void memberIsPaused(int ordinal, int seconds) {
        pause(members.member(ordinal), seconds, "pause member " + ordinal + " for " + seconds + " s");
    }

    private void pause(int member, int seconds, String description) {
        if (seconds < 1) {
            throw ChaosException.badInput("a pause lasts at least 1 second, not " + seconds);
        }
        String id = faults.inject(new PauseMember(deployment.ensemble().members(), member, description));
        faults.injector().recoverAfter(id, Duration.ofSeconds(seconds));
    }

    @When("member {int} loses its volume")
    @Example("member 0 loses its volume")
    public void memberLosesItsVolume(int ordinal) {
        faults.inject(new LoseVolume(deployment.ensemble().members(), members.member(ordinal),
                "volume loss on member " + ordinal));
    }

    @When("the fault {string} is injected")
    @Example("the fault \"rolling-kill\" is injected")
    public void theFaultIsInjected(String name) {
        new CatalogRunner(new CatalogFaults(deployment, members, faults, clock, settings.progress()))
                .run(faults.catalog().get(name));
    }

    @When("{int} second(s) pass(es)")
    @Example("5 seconds pass")
    public void secondsPass(int seconds) {
        settings.progress().say("waiting " + seconds + " s");
        clock.letTimePass(Duration.ofSeconds(seconds));
    }
}
