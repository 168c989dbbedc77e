package dev.quorumchaos.glue;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.Resizable;
import dev.quorumchaos.check.BudgetFitCheck;
import dev.quorumchaos.check.MembershipCheck;
import dev.quorumchaos.fault.scale.ScaleKind;
import dev.quorumchaos.ensemble.EnsembleView;
import dev.quorumchaos.history.MemberState;
import io.cucumber.java.en.Then;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import io.cucumber.java.en.When;

/**
 * Growing and shrinking the ensemble while it serves, by the service's own membership changes,
 * and the check that it has the members asked for. Each resize is one window in the timeline,
 * closed with what changed.
 */
public class ScaleSteps {

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    private final Deployment deployment;
    private final Faults faults;
    private final Verdicts verdicts;
    private final ScenarioClock clock;

    public ScaleSteps(Deployment deployment, Faults faults, Verdicts verdicts, ScenarioClock clock) {
        this.deployment = deployment;
        this.faults = faults;
        this.verdicts = verdicts;
        this.clock = clock;
    }

    @When("the ensemble grows to {int} members")
    @Example("the ensemble grows to 5 members")
    public void grows(int to) {
        int size = deployment.ensemble().size();
        if (to <= size) {
            throw ChaosException.badInput("cannot grow a " + size + "-member ensemble to " + to + " members; to"
                    + " remove members, write 'When the ensemble shrinks to " + to + " members'");
        }
        resize(to);
    }

    @When("the ensemble shrinks to {int} members")
    @Example("the ensemble shrinks to 3 members")
    public void shrinks(int to) {
        int size = deployment.ensemble().size();
        if (to >= size) {
            throw ChaosException.badInput("cannot shrink a " + size + "-member ensemble to " + to + " members; to"
                    + " add members, write 'When the ensemble grows to " + to + " members'");
        }
        resize(to);
    }

    private void resize(int to) {
        faults.inject(ScaleKind.to(faults.site(), to));
    }

    @Then("the disruption budget leaves a quorum at every size")
    @Example("the disruption budget leaves a quorum at every size")
    public void budgetLeavesAQuorum() {
        int budget = deployment.budget().orElseThrow(() -> ChaosException.badInput(
                "'the disruption budget leaves a quorum at every size' needs a budget: add"
                        + " 'Given a disruption budget of 1 unavailable member'"));
        verdicts.judge(() -> BudgetFitCheck.check(clock.history(), deployment.ensemble().size(), budget));
    }

    @Then("the ensemble has {int} members")
    @Example("the ensemble has 5 members")
    public void hasMembers(int expected) {
        // right after a change that moved leadership, the members elect: wait for that, bounded,
        // when the size is right, rather than judge an election under way
        try {
            await().atMost(SETTLE_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
                EnsembleView view = deployment.ensemble().view();
                return view.size() != expected || view.states().stream().allMatch(MemberState::serving);
            });
        } catch (ConditionTimeoutException stillElecting) {
            // judged below on what the members say
        }
        Resizable resizable = deployment.capability(Resizable.class).orElse(null);
        List<String> committed = resizable == null
                ? IntStream.range(0, deployment.ensemble().size()).mapToObj(i -> "member " + i).toList()
                : resizable.membership();
        verdicts.judge(() -> MembershipCheck.check(expected, committed, deployment.ensemble().refresh()));
    }
}
