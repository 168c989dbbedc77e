package dev.quorumchaos.glue;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.check.DisruptionBudgetCheck;
import dev.quorumchaos.check.DurabilityCheck;
import dev.quorumchaos.check.QuorumCheck;
import dev.quorumchaos.check.Unavailability;
import dev.quorumchaos.check.Verdict;
import dev.quorumchaos.check.consistency.LinearizabilityCheck;
import dev.quorumchaos.service.ReadPromise;
import dev.quorumchaos.check.consistency.SessionOrderCheck;
import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;
import dev.quorumchaos.workload.MemberContents;
import io.cucumber.java.en.Then;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/** Verdicts. Each step records its verdict with evidence, and fails unless it is PASS. */
public class CheckSteps {

    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);
    /** How long a check that reads members waits for faults with a duration to end. */
    private static final Duration TIMED_FAULTS_TIMEOUT = Duration.ofMinutes(10);

    private final Deployment deployment;
    private final Members members;
    private final Faults faults;
    private final Clients clients;
    private final Verdicts verdicts;
    private final ScenarioClock clock;
    private final ScenarioSettings settings;

    public CheckSteps(Deployment deployment, Members members, Faults faults, Clients clients, Verdicts verdicts,
                      ScenarioClock clock, ScenarioSettings settings) {
        this.deployment = deployment;
        this.members = members;
        this.faults = faults;
        this.clients = clients;
        this.verdicts = verdicts;
        this.clock = clock;
        this.settings = settings;
    }

    @Then("the ensemble has quorum within {int} seconds")
    @Example("the ensemble has quorum within 30 seconds")
    public void hasQuorumWithin(int seconds) {
        History history = clock.history();
        Duration deadline = Duration.ofSeconds(seconds);
        long since = history.lastApply().map(FaultEvent::timeNanos).orElse(0L);
        long remaining = Math.max(0, since + deadline.toNanos() - history.now());
        deployment.ensemble().refresh();
        try {
            await().atMost(Duration.ofNanos(remaining).plusMillis(100)).pollInterval(Duration.ofMillis(10))
                    .until(members::quorumNow);
        } catch (ConditionTimeoutException e) {
            // the verdict below says how long it has been without quorum
        }
        judge(() -> QuorumCheck.within(history, deployment.ensemble().size(), deadline, history.now(),
                members.whyUnavailable()));
    }

    @Then("the ensemble keeps quorum")
    @Example("the ensemble keeps quorum")
    public void keepsQuorum() {
        deployment.ensemble().refresh();
        judge(() -> QuorumCheck.kept(clock.history(), deployment.ensemble().size(), clock.history().now()));
    }

    @Then("no acknowledged write is lost")
    @Example("no acknowledged write is lost")
    public void noAcknowledgedWriteIsLost() {
        if (!clients.hasWorkload()) {
            throw ChaosException.badInput("'no acknowledged write is lost' needs a client: add"
                    + " 'Given a client writing to \"/orders\" every 20 ms' before the faults");
        }
        // faults with a duration end first (a node tainted for 30 s is untainted): members are read
        // in the state the scenario's faults leave them, not while one is still held out on purpose
        List<String> pending = faults.injector().awaitTimedRecoveries(TIMED_FAULTS_TIMEOUT);
        if (!pending.isEmpty()) {
            settings.progress().say("still in place after " + TIMED_FAULTS_TIMEOUT.toMinutes() + " min: " + pending);
        }
        settings.progress().say("waiting for every member to serve and the client to be served again, then reading"
                + " each member alone");
        long lastFault = clock.history().lastApply().map(FaultEvent::timeNanos).orElse(0L);
        try {
            // recovered means members serve and clients are served: a write answered after the last
            // fault, so what is read afterwards is judged against a client that got through
            await("every member serving and a write answered after the last fault").atMost(RECOVERY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> deployment.ensemble().view().states().stream().allMatch(s -> s.serving())
                            && clients.workload().answeredSince(lastFault));
        } catch (ConditionTimeoutException e) {
            // members still down are reported unreadable, and no write at all gives UNKNOWN, not PASS
        }
        long readStart = clock.history().now();
        List<MemberContents> contents = clients.workload().readEveryMember(Duration.ofSeconds(10));
        judge(() -> DurabilityCheck.check(clients.workload().writerOperations(), contents, readStart));
    }

    @Then("the disruption budget is never exceeded")
    @Example("the disruption budget is never exceeded")
    public void budgetNeverExceeded() {
        int budget = deployment.budget().orElseThrow(() -> ChaosException.badInput(
                "'the disruption budget is never exceeded' needs a budget: add"
                        + " 'Given a disruption budget of 1 unavailable member'"));
        atMostUnavailable(budget);
    }

    @Then("at most {int} member(s) were/was unavailable at once")
    @Example("at most 2 members were unavailable at once")
    public void atMostUnavailable(int members) {
        deployment.ensemble().refresh();
        Unavailability.Grace grace = Unavailability.Grace.of(deployment.spec());
        // a member that stopped serving just now counts once it has been out for the grace period:
        // wait that long for it to come back rather than judge it too early
        try {
            await().atMost(grace.notServing().plusMillis(200)).pollInterval(Duration.ofMillis(20))
                    .until(() -> deployment.ensemble().view().states().stream().allMatch(s -> s.serving()));
        } catch (ConditionTimeoutException stillOut) {
            // it stays out: the check below counts it
        }
        judge(() -> DisruptionBudgetCheck.check(clock.history(), deployment.ensemble().size(), members, grace,
                clock.history().now()));
    }

    @Then("the writes were linearizable")
    @Example("the writes were linearizable")
    public void theWritesWereLinearizable() {
        awaitRegistersServedAfterTheLastFault();
        // the service says which reads it promises: etcd's are linearizable; ZooKeeper's may be stale
        // (sequentially consistent), and the session-order check judges those
        LinearizabilityCheck check = deployment.service().reads() == ReadPromise.LINEARIZABLE
                ? new LinearizabilityCheck() : new LinearizabilityCheck().ignoringReads();
        judge(() -> check.check(clock.history()));
    }

    /**
     * What the faults did to the registers shows in the operations after them (a register created
     * again from nothing): wait, within bounds, until a change was acknowledged after the last fault.
     */
    private void awaitRegistersServedAfterTheLastFault() {
        java.util.Optional<FaultEvent> lastFault = clock.history().lastApply();
        if (lastFault.isEmpty() || !clients.workload().hasRegisterClients()) {
            return;
        }
        long since = lastFault.get().timeNanos();
        if (clients.workload().registerChangeAcknowledgedSince(since)) {
            return;
        }
        settings.progress().say("waiting for a register change acknowledged after the last fault");
        try {
            await("a register change acknowledged after the last fault").atMost(RECOVERY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> clients.workload().registerChangeAcknowledgedSince(since));
        } catch (ConditionTimeoutException e) {
            // judged on what was recorded; the evidence counts the operations that were checked
        }
    }

    @Then("no client saw time go backwards")
    @Example("no client saw time go backwards")
    public void noClientSawTimeGoBackwards() {
        judge(() -> new SessionOrderCheck().check(clock.history()));
    }

    private void judge(Supplier<Verdict> check) {
        verdicts.judge(check);
    }
}
