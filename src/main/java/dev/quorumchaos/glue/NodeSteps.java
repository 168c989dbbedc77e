package dev.quorumchaos.glue;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

/**
 * Faults on the nodes that host members: taints, cordons, drains. They need a Kubernetes target;
 * on the local target the scenario is reported skipped with the reason, never passed.
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
    }

    @When("the node hosting member {int} is tainted {string}")
    @Example("the node hosting member 1 is tainted \"chaos=true:NoSchedule\"")
    public void theNodeHostingMemberIsTainted(int ordinal, String taint) {
        world.nodeFaultsOrSkip("tainting a node");
    }

    @When("the node hosting member {int} is cordoned")
    @Example("the node hosting member 1 is cordoned")
    public void theNodeHostingMemberIsCordoned(int ordinal) {
        world.nodeFaultsOrSkip("cordoning a node");
    }

    @When("the node hosting member {int} is drained")
    @Example("the node hosting member 1 is drained")
    public void theNodeHostingMemberIsDrained(int ordinal) {
        world.nodeFaultsOrSkip("draining a node");
    }

    @Then("the drain was held back by the disruption budget")
    @Example("the drain was held back by the disruption budget")
    public void theDrainWasHeldBack() {
        world.nodeFaultsOrSkip("checking a drain");
    }
}
