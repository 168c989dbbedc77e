package dev.quorumchaos.glue;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.check.budget.PdbChecks;
import dev.quorumchaos.check.budget.WatchedBudget;
import dev.quorumchaos.fault.node.CordonNode;
import dev.quorumchaos.fault.node.DrainNode;
import dev.quorumchaos.fault.node.DrainOptions;
import dev.quorumchaos.fault.kinds.FaultKinds;
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

    private final Deployment deployment;
    private final Members members;
    private final Faults faults;
    private final Verdicts verdicts;
    private final ScenarioSettings settings;

    public NodeSteps(Deployment deployment, Members members, Faults faults, Verdicts verdicts,
                     ScenarioSettings settings) {
        this.deployment = deployment;
        this.members = members;
        this.faults = faults;
        this.verdicts = verdicts;
        this.settings = settings;
    }

    @When("the node hosting the leader is tainted {string}")
    @Example("the node hosting the leader is tainted \"chaos=true:NoExecute\"")
    public void theNodeHostingTheLeaderIsTainted(String taint) {
        faults.nodesOrSkip("tainting a node");
        taint(members.leader(), taint);
    }

    @When("the node hosting the leader is tainted {string} for {int} seconds")
    @Example("the node hosting the leader is tainted \"chaos=true:NoExecute\" for 30 seconds")
    public void theNodeHostingTheLeaderIsTaintedFor(String taint, int seconds) {
        Duration lasting = lasting(seconds);
        faults.nodesOrSkip("tainting a node");
        faults.injector().recoverAfter(taint(members.leader(), taint), lasting);
    }

    @When("the node hosting member {int} is tainted {string}")
    @Example("the node hosting member 1 is tainted \"chaos=true:NoSchedule\"")
    public void theNodeHostingMemberIsTainted(int ordinal, String taint) {
        taint(ordinal, taint);
    }

    @When("the node hosting member {int} is tainted {string} for {int} seconds")
    @Example("the node hosting member 1 is tainted \"chaos=true:NoExecute\" for 30 seconds")
    public void theNodeHostingMemberIsTaintedFor(int ordinal, String taint, int seconds) {
        Duration lasting = lasting(seconds);
        faults.injector().recoverAfter(taint(ordinal, taint), lasting);
    }

    @When("the node hosting member {int} is cordoned")
    @Example("the node hosting member 1 is cordoned")
    public void theNodeHostingMemberIsCordoned(int ordinal) {
        cordon(ordinal);
    }

    @When("the node hosting member {int} is cordoned for {int} seconds")
    @Example("the node hosting member 1 is cordoned for 30 seconds")
    public void theNodeHostingMemberIsCordonedFor(int ordinal, int seconds) {
        Duration lasting = lasting(seconds);
        faults.injector().recoverAfter(cordon(ordinal), lasting);
    }

    @When("the node hosting member {int} is drained")
    @Example("the node hosting member 1 is drained")
    public void theNodeHostingMemberIsDrained(int ordinal) {
        drain(ordinal, DrainOptions.defaults());
    }

    @When("the node hosting member {int} is drained with {string}")
    @Example("the node hosting member 1 is drained with \"--delete-emptydir-data --timeout=2m\"")
    public void theNodeHostingMemberIsDrainedWith(int ordinal, String kubectlFlags) {
        drain(ordinal, DrainOptions.parse(kubectlFlags));
    }

    @When("the node hosting member {int} is untainted")
    @Example("the node hosting member 1 is untainted")
    public void theNodeHostingMemberIsUntainted(int ordinal) {
        end(f -> f instanceof TaintNode && f.members().contains(members.member(ordinal)), "untainted",
                "no taint on the node that hosted member " + ordinal);
    }

    @When("the node hosting member {int} is uncordoned")
    @Example("the node hosting member 1 is uncordoned")
    public void theNodeHostingMemberIsUncordoned(int ordinal) {
        end(f -> (f instanceof CordonNode || f instanceof DrainNode) && f.members().contains(members.member(ordinal)),
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
        faults.nodesOrSkip("checking a drain");
        WatchedBudget budget = deployment.capability(WatchedBudget.class).orElseThrow(() -> faults.site().skip(
                "checking a drain needs a watched disruption budget; this ensemble on the "
                        + deployment.target().name() + " target has none"));
        verdicts.judge(() -> PdbChecks.drainHeldBack(budget.budgetObservations()));
    }

    private static Duration lasting(int seconds) {
        if (seconds < 1) {
            throw ChaosException.badInput("a node fault lasts at least 1 second, not " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    private void end(java.util.function.Predicate<dev.quorumchaos.fault.node.NodeFault> which, String why, String none) {
        if (faults.endNodeFaults(which, why) == 0) {
            settings.progress().say(none + " is in place any more: nothing to end");
        }
    }

    /*
     * Each node fault is built by its kind: the scenario is skipped where there are no nodes (asked
     * first, before the member is checked, as a person on the local target would want), and a node
     * that other namespaces' pods share is refused on a cluster the harness did not create.
     */

    private String taint(int ordinal, String taint) {
        faults.nodesOrSkip("taint a node");
        return faults.inject(FaultKinds.TAINT.taint(faults.site(), members.member(ordinal), taint));
    }

    private String cordon(int ordinal) {
        faults.nodesOrSkip("cordon a node");
        return faults.inject(FaultKinds.CORDON.cordon(faults.site(), members.member(ordinal)));
    }

    private String drain(int ordinal, DrainOptions options) {
        faults.nodesOrSkip("drain a node");
        return faults.inject(FaultKinds.DRAIN.drain(faults.site(), members.member(ordinal), options));
    }
}
