package dev.quorumchaos.glue;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.fault.kinds.FaultKinds;
import dev.quorumchaos.fault.nodeloss.NodeLoss;
import io.cucumber.java.en.When;

import java.time.Duration;
import java.util.List;

/**
 * Losing the node that hosts a member: its kubelet stops until {@code When the node comes back}
 * (or the scenario ends), and the progress output, the timeline and the report show what
 * Kubernetes does about it. Kubernetes only: on the local target the scenario is reported skipped
 * with the reason; on a cluster the harness did not create, only with {@code --allow-node-loss}.
 */
public class NodeLossSteps {

    private final Members members;
    private final Faults faults;
    private final ScenarioSettings settings;

    public NodeLossSteps(Members members, Faults faults, ScenarioSettings settings) {
        this.members = members;
        this.faults = faults;
        this.settings = settings;
    }

    @When("the node hosting the leader is lost")
    @Example("the node hosting the leader is lost")
    public void theNodeHostingTheLeaderIsLost() {
        faults.nodesOrSkip("losing a node");
        lose(members.leader());
    }

    @When("the node hosting member {int} is lost")
    @Example("the node hosting member 1 is lost")
    public void theNodeHostingMemberIsLost(int ordinal) {
        faults.nodesOrSkip("losing a node");
        lose(members.member(ordinal));
    }

    @When("stuck pods are force-deleted after {int} seconds")
    @Example("stuck pods are force-deleted after 30 seconds")
    public void stuckPodsAreForceDeletedAfter(int seconds) {
        faults.nodesOrSkip("force-deleting pods on a lost node");
        if (seconds < 0) {
            throw ChaosException.badInput("pods are force-deleted 0 or more seconds after the node was lost, not " + seconds);
        }
        List<NodeLoss> lost = lostNodes();
        if (lost.isEmpty()) {
            throw ChaosException.badInput("'stuck pods are force-deleted after " + seconds + " seconds' follows"
                    + " 'When the node hosting the leader is lost' (or member N): no node is lost now");
        }
        lost.forEach(loss -> loss.forceDeleteAfter(Duration.ofSeconds(seconds)));
    }

    @When("the node comes back")
    @Example("the node comes back")
    public void theNodeComesBack() {
        if (faults.endNodeFaults(f -> f instanceof NodeLoss, "the node came back") == 0) {
            settings.progress().say("no node is lost any more: nothing comes back");
        }
    }

    private void lose(int member) {
        faults.inject(FaultKinds.NODE_LOSS.lose(faults.site(), member, null));
    }

    private List<NodeLoss> lostNodes() {
        return faults.injector().active().values().stream().filter(NodeLoss.class::isInstance).map(NodeLoss.class::cast)
                .toList();
    }
}
