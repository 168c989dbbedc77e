package dev.quorumchaos.glue;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.fault.Procedure;
import dev.quorumchaos.operation.ControllerRollout;
import dev.quorumchaos.operation.MemberLifecycle;
import dev.quorumchaos.operation.RestartAtOnce;
import dev.quorumchaos.operation.RollingOperation;
import dev.quorumchaos.operation.RollingOrder;
import dev.quorumchaos.operation.RollingPlan;
import io.cucumber.java.en.When;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/**
 * What operators do on purpose: rolling upgrades and restarts, one member at a time, each
 * member's time away a fault window the checks and the report see.
 */
public class OperationSteps {

    private final Deployment deployment;
    private final Faults faults;
    private final Members members;

    public OperationSteps(Deployment deployment, Faults faults, Members members) {
        this.deployment = deployment;
        this.faults = faults;
        this.members = members;
    }

    @When("the ensemble is upgraded to ZooKeeper {word} one member at a time")
    @Example("the ensemble is upgraded to ZooKeeper 3.9.5 one member at a time")
    public void upgradedToZooKeeper(String version) {
        roll("ZooKeeper", RollingPlan.upgrade(version, Integer.MAX_VALUE));
    }

    @When("the cluster is upgraded to etcd {word} one member at a time")
    @Example("the cluster is upgraded to etcd 3.4.23 one member at a time")
    public void upgradedToEtcd(String version) {
        roll("etcd", RollingPlan.upgrade(version, Integer.MAX_VALUE));
    }

    @When("{int} member(s) is/are upgraded to ZooKeeper {word}")
    @Example("1 member is upgraded to ZooKeeper 3.9.5")
    public void membersUpgradedToZooKeeper(int count, String version) {
        roll("ZooKeeper", RollingPlan.upgrade(version, count));
    }

    @When("the ensemble/cluster is restarted one member at a time")
    @Example("the ensemble is restarted one member at a time")
    public void restartedOneAtATime() {
        roll(null, RollingPlan.restart(RollingOrder.ORDINAL));
    }

    @When("the ensemble/cluster is restarted one member at a time in ordinal order")
    @Example("the ensemble is restarted one member at a time in ordinal order")
    public void restartedInOrdinalOrder() {
        roll(null, RollingPlan.restart(RollingOrder.ORDINAL));
    }

    @When("the ensemble/cluster is restarted one member at a time, followers first and the leader last")
    @Example("the ensemble is restarted one member at a time, followers first and the leader last")
    public void restartedFollowersFirst() {
        roll(null, RollingPlan.restart(RollingOrder.FOLLOWERS_FIRST));
    }

    @When("every member is restarted at once")
    @Example("every member is restarted at once")
    public void everyMemberRestartedAtOnce() {
        long start = System.nanoTime();
        String id = faults.inject(new RestartAtOnce(lifecycle(), deployment.ensemble().size()));
        try {
            await("every member serving after a restart of all at once").atMost(RollingPlan.PER_MEMBER)
                    .pollInterval(Duration.ofMillis(50)).until(members::allServing);
            faults.injector().recover(id, String.format(Locale.ROOT, "every member serves again after %.1f s",
                    (System.nanoTime() - start) / 1e9));
        } catch (ConditionTimeoutException e) {
            // the window stays open: the checks see the members still away, and the scenario's end recovers them
        }
    }

    private void roll(String service, RollingPlan plan) {
        if (service != null && !service.equals(deployment.service().name())) {
            throw ChaosException.badInput("this scenario's " + deployment.service().groupNoun() + " runs "
                    + deployment.service().name() + ", not " + service + ": write the upgrade to "
                    + deployment.service().name());
        }
        if (plan.upgrade() && !plan.to().matches("\\d+\\.\\d+\\.\\d+")) {
            throw ChaosException.badInput("'" + plan.to() + "' is not a " + deployment.service().name()
                    + " release number: write it as three numbers, e.g. 3.9.5");
        }
        if (deployment.budget().orElse(1) < 1) {
            throw ChaosException.badInput("a disruption budget of 0 unavailable members allows no member down, and a"
                    + " rolling " + (plan.upgrade() ? "upgrade" : "restart") + " takes one down at a time: give the"
                    + " scenario a budget of 1 or more");
        }
        faults.runToEnd(procedure(plan));
    }

    /**
     * Where the harness stops and starts members itself (the local target), its own rolling
     * operation; where a controller replaces them (a StatefulSet), that controller's rollout,
     * watched. The controller picks its order, so followers first is skipped there, with the reason.
     */
    private Procedure procedure(RollingPlan plan) {
        int size = deployment.ensemble().size();
        Optional<MemberLifecycle> own = deployment.capability(MemberLifecycle.class);
        if (own.isPresent()) {
            return new RollingOperation(own.get(), faults.site(), plan, size);
        }
        ControllerRollout rollout = deployment.capability(ControllerRollout.class).orElseThrow(() -> faults.site().skip(
                "rolling upgrades and restarts on " + deployment.target().name() + ": the platform can neither stop"
                        + " and start members nor roll them out"));
        if (plan.order() == RollingOrder.FOLLOWERS_FIRST) {
            throw faults.site().skip("on " + deployment.target().name() + " the StatefulSet controller picks the order"
                    + " of a rolling update (" + rollout.order() + "); followers first cannot be asked of it");
        }
        if (plan.count() != Integer.MAX_VALUE && plan.count() > size) {
            throw ChaosException.badInput("cannot upgrade " + plan.count() + " members: the " + deployment.service().name()
                    + " " + deployment.service().groupNoun() + " has " + size);
        }
        return plan.upgrade() ? rollout.upgrade(plan.to(), Math.min(plan.count(), size), faults.site())
                : rollout.restart(faults.site());
    }

    /** Stopping and starting members by the harness itself: the local target's; elsewhere skipped with the reason. */
    private MemberLifecycle lifecycle() {
        return deployment.capability(MemberLifecycle.class).orElseThrow(() -> faults.site().skip(
                "restarting every member at once on " + deployment.target().name() + ": only the local target stops"
                        + " and starts members itself; a StatefulSet replaces them one at a time"));
    }
}
