package dev.quorumchaos.glue;

import dev.quorumchaos.check.budget.PdbChecks;
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
        world.injectNodeFault("taint", world.leader(), taint);
    }

    @When("the node hosting member {int} is tainted {string}")
    @Example("the node hosting member 1 is tainted \"chaos=true:NoSchedule\"")
    public void theNodeHostingMemberIsTainted(int ordinal, String taint) {
        world.injectNodeFault("taint", ordinal, taint);
    }

    @When("the node hosting member {int} is cordoned")
    @Example("the node hosting member 1 is cordoned")
    public void theNodeHostingMemberIsCordoned(int ordinal) {
        world.injectNodeFault("cordon", ordinal, null);
    }

    @When("the node hosting member {int} is drained")
    @Example("the node hosting member 1 is drained")
    public void theNodeHostingMemberIsDrained(int ordinal) {
        world.injectNodeFault("drain", ordinal, null);
    }

    @Then("the drain was held back by the disruption budget")
    @Example("the drain was held back by the disruption budget")
    public void theDrainWasHeldBack() {
        world.judge(() -> PdbChecks.drainHeldBack(world.budgetObservations()));
    }
}
