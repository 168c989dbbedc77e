package dev.quorumchaos.glue;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.check.budget.PdbChecks;
import dev.quorumchaos.fault.node.CordonNode;
import dev.quorumchaos.fault.node.DrainNode;
import dev.quorumchaos.fault.node.DrainOptions;
import dev.quorumchaos.fault.node.TaintNode;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.time.Duration;

/**
 * Faults on the nodes that host members: taints, cordons, drains, for a while or until a step
 * ends them. They need a Kubernetes target; on the local target the scenario is reported skipped
 * with the reason, never passed.
 */
public class NodeSteps {

    private final ScenarioWorld world;

    public NodeSteps(ScenarioWorld world) {
        this.world = world;
    }

    @When("the node hosting the leader is tainted {string}")
    @Example("the node hosting the leader is tainted \"chaos=true:NoExecute\"")
    public void theNodeHostingTheLeaderIsTainted(String taint) {
        world.nodeFaultsOrSkip("tainting a node");
        world.injectNodeFault("taint", world.leader(), taint);
    }

    @When("the node hosting the leader is tainted {string} for {int} seconds")
    @Example("the node hosting the leader is tainted \"chaos=true:NoExecute\" for 30 seconds")
    public void theNodeHostingTheLeaderIsTaintedFor(String taint, int seconds) {
        Duration lasting = lasting(seconds);
        world.nodeFaultsOrSkip("tainting a node");
        world.faults().recoverAfter(world.injectNodeFault("taint", world.leader(), taint), lasting);
    }

    @When("the node hosting member {int} is tainted {string}")
    @Example("the node hosting member 1 is tainted \"chaos=true:NoSchedule\"")
    public void theNodeHostingMemberIsTainted(int ordinal, String taint) {
        world.injectNodeFault("taint", ordinal, taint);
    }

    @When("the node hosting member {int} is tainted {string} for {int} seconds")
    @Example("the node hosting member 1 is tainted \"chaos=true:NoExecute\" for 30 seconds")
    public void theNodeHostingMemberIsTaintedFor(int ordinal, String taint, int seconds) {
        Duration lasting = lasting(seconds);
        world.faults().recoverAfter(world.injectNodeFault("taint", ordinal, taint), lasting);
    }

    @When("the node hosting member {int} is cordoned")
    @Example("the node hosting member 1 is cordoned")
    public void theNodeHostingMemberIsCordoned(int ordinal) {
        world.injectNodeFault("cordon", ordinal, null);
    }

    @When("the node hosting member {int} is cordoned for {int} seconds")
    @Example("the node hosting member 1 is cordoned for 30 seconds")
    public void theNodeHostingMemberIsCordonedFor(int ordinal, int seconds) {
        Duration lasting = lasting(seconds);
        world.faults().recoverAfter(world.injectNodeFault("cordon", ordinal, null), lasting);
    }

    @When("the node hosting member {int} is drained")
    @Example("the node hosting member 1 is drained")
    public void theNodeHostingMemberIsDrained(int ordinal) {
        world.injectNodeFault("drain", ordinal, null);
    }

    @When("the node hosting member {int} is drained with {string}")
    @Example("the node hosting member 1 is drained with \"--delete-emptydir-data --timeout=2m\"")
    public void theNodeHostingMemberIsDrainedWith(int ordinal, String kubectlFlags) {
        world.injectNodeFault("drain", ordinal, null, DrainOptions.parse(kubectlFlags));
    }

    @When("the node hosting member {int} is untainted")
    @Example("the node hosting member 1 is untainted")
    public void theNodeHostingMemberIsUntainted(int ordinal) {
        end(f -> f instanceof TaintNode && f.members().contains(world.member(ordinal)), "untainted",
                "no taint on the node that hosted member " + ordinal);
    }

    @When("the node hosting member {int} is uncordoned")
    @Example("the node hosting member 1 is uncordoned")
    public void theNodeHostingMemberIsUncordoned(int ordinal) {
        end(f -> (f instanceof CordonNode || f instanceof DrainNode) && f.members().contains(world.member(ordinal)),
                "uncordoned", "no cordon or drain on the node that hosted member " + ordinal);
    }

    @When("the nodes are restored")
    @Example("the nodes are restored")
    public void theNodesAreRestored() {
        end(f -> true, "nodes restored", "no node fault");
    }

    @Then("the drain was held back by the disruption budget")
    @Example("the drain was held back by the disruption budget")
    public void theDrainWasHeldBack() {
        world.judge(() -> PdbChecks.drainHeldBack(world.budgetObservations()));
    }

    private static Duration lasting(int seconds) {
        if (seconds < 1) {
            throw ChaosException.badInput("a node fault lasts at least 1 second, not " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    private void end(java.util.function.Predicate<dev.quorumchaos.fault.node.NodeFault> which, String why, String none) {
        if (world.endNodeFaults(which, why) == 0) {
            world.progress().say(none + " is in place any more: nothing to end");
        }
    }
}
