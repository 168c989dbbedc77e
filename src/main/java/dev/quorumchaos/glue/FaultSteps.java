package dev.quorumchaos.glue;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.fault.catalog.CatalogRunner;
import dev.quorumchaos.fault.kill.KillMembers;
import dev.quorumchaos.fault.pause.PauseMember;
import dev.quorumchaos.fault.pod.DeletePod;
import dev.quorumchaos.fault.volume.LoseVolume;
import io.cucumber.java.en.When;

import java.time.Duration;
import java.util.List;


/** Faults on members: each step chooses its members now, then injects through the world. */
public class FaultSteps {

    private final ScenarioWorld world;

    public FaultSteps(ScenarioWorld world) {
        this.world = world;
    }

    @When("the leader is killed")
    @Example("the leader is killed")
    public void theLeaderIsKilled() {
        int leader = world.leader();
        kill(List.of(leader), "kill leader (member " + leader + ")");
    }

    @When("member {int} is killed")
    @Example("member 2 is killed")
    public void memberIsKilled(int ordinal) {
        kill(List.of(world.member(ordinal)), "kill member " + ordinal);
    }

    @When("{int} followers are killed")
    @Example("2 followers are killed")
    public void followersAreKilled(int count) {
        List<Integer> followers = world.followers(count);
        kill(followers, "kill " + count + " follower(s) " + followers);
    }

    private void kill(List<Integer> members, String description) {
        world.inject(new KillMembers(world.ensemble().members(), members, description));
    }

    @When("the leader's pod is deleted")
    @Example("the leader's pod is deleted")
    public void theLeadersPodIsDeleted() {
        int leader = world.leader();
        deletePod(leader, null, "delete the pod of the leader (member " + leader + ")");
    }

    @When("member {int}'s pod is deleted")
    @Example("member 1's pod is deleted")
    public void membersPodIsDeleted(int ordinal) {
        deletePod(world.member(ordinal), null, "delete the pod of member " + ordinal);
    }

    @When("the leader's pod is deleted with a grace period of {int} second(s)")
    @Example("the leader's pod is deleted with a grace period of 5 seconds")
    public void theLeadersPodIsDeletedWithGrace(int seconds) {
        int leader = world.leader();
        deletePod(leader, grace(seconds), "delete the pod of the leader (member " + leader + ") with grace " + seconds + " s");
    }

    @When("member {int}'s pod is deleted with a grace period of {int} second(s)")
    @Example("member 1's pod is deleted with a grace period of 5 seconds")
    public void membersPodIsDeletedWithGrace(int ordinal, int seconds) {
        deletePod(world.member(ordinal), grace(seconds), "delete the pod of member " + ordinal + " with grace " + seconds + " s");
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
        world.inject(new DeletePod(world.podsOrSkip("deleting a pod"), member, grace, description));
    }

    @When("the leader is paused for {int} seconds")
    @Example("the leader is paused for 5 seconds")
    public void theLeaderIsPaused(int seconds) {
        int leader = world.leader();
        pause(leader, seconds, "pause leader (member " + leader + ") for " + seconds + " s");
    }

    @When("member {int} is paused for {int} seconds")
    @Example("member 1 is paused for 5 seconds")
    public void memberIsPaused(int ordinal, int seconds) {
        pause(world.member(ordinal), seconds, "pause member " + ordinal + " for " + seconds + " s");
    }

    private void pause(int member, int seconds, String description) {
        if (seconds < 1) {
            throw ChaosException.badInput("a pause lasts at least 1 second, not " + seconds);
        }
        String id = world.inject(new PauseMember(world.ensemble().members(), member, description));
        world.faults().recoverAfter(id, Duration.ofSeconds(seconds));
    }

    @When("member {int} loses its volume")
    @Example("member 0 loses its volume")
    public void memberLosesItsVolume(int ordinal) {
        world.inject(new LoseVolume(world.ensemble().members(), world.member(ordinal),
                "volume loss on member " + ordinal));
    }

    @When("the fault {string} is injected")
    @Example("the fault \"rolling-kill\" is injected")
    public void theFaultIsInjected(String name) {
        new CatalogRunner(new CatalogFaults(world)).run(world.catalog().get(name));
    }

    @When("{int} second(s) pass(es)")
    @Example("5 seconds pass")
    public void secondsPass(int seconds) {
        world.progress().say("waiting " + seconds + " s");
        world.letTimePass(Duration.ofSeconds(seconds));
    }
}
