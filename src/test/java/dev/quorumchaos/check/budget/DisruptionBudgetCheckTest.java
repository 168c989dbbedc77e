package dev.quorumchaos.check.budget;

import dev.quorumchaos.check.Outcome;
import dev.quorumchaos.fault.node.EvictionAttempt;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.quorumchaos.check.PublishedEvidence.published;
import static dev.quorumchaos.fault.node.EvictionAttempt.Result.EVICTED;
import static dev.quorumchaos.fault.node.EvictionAttempt.Result.REFUSED;
import static org.assertj.core.api.Assertions.assertThat;

/** Hand-written observations, no cluster: each verdict, and where it must say FAIL. */
class DisruptionBudgetCheckTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static BudgetObservations seen(List<List<String>> unavailable, List<EvictionAttempt> evictions) {
        List<UnreadyPods> samples = new java.util.ArrayList<>();
        for (int i = 0; i < unavailable.size(); i++) {
            samples.add(new UnreadyPods(T.plusSeconds(i), unavailable.get(i)));
        }
        // every member was Ready just before the first sample
        return new BudgetObservations("run", "zk-pdb", 3, List.of(new BudgetLimit(T.minusSeconds(10), 1)),
                T.minusSeconds(1), samples, List.of(), evictions);
    }

    private static EvictionAttempt attempt(int second, String pod, EvictionAttempt.Result result) {
        return new EvictionAttempt(T.plusSeconds(second), "run", pod, "node-a", result, result == REFUSED ? "429" : null);
    }

    @Test
    void complianceFailsWhenMoreThanTheBudgetWereUnavailableAtOnce() {
        assertThat(PdbChecks.compliance(seen(List.of(List.of(), List.of("zk-0"), List.of()), List.of()))
                .outcome()).isEqualTo(Outcome.PASS);
        var fail = PdbChecks.compliance(seen(List.of(List.of(), List.of("zk-0", "zk-2"), List.of()), List.of()));
        assertThat(fail.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(published(fail)).containsEntry("when", T.plusSeconds(1).toString());
    }

    @Test
    void membersNotYetReadyAfterDeployAreNotCountedAndNeverReadyIsUnknown() {
        List<UnreadyPods> rollout = List.of(new UnreadyPods(T, List.of("zk-0", "zk-1", "zk-2")),
                new UnreadyPods(T.plusSeconds(1), List.of("zk-2")), new UnreadyPods(T.plusSeconds(2), List.of()),
                new UnreadyPods(T.plusSeconds(3), List.of("zk-1")));
        var counted = PdbChecks.compliance(new BudgetObservations("run", "zk-pdb", 3,
                List.of(new BudgetLimit(T, 1)), T.plusSeconds(2), rollout, List.of(), List.of()));
        assertThat(counted.outcome()).isEqualTo(Outcome.PASS);
        assertThat(published(counted)).containsEntry("mostUnavailableAtOnce", 1).containsEntry("countedFrom", T.plusSeconds(2).toString());

        var never = PdbChecks.compliance(new BudgetObservations("run", "zk-pdb", 3, List.of(new BudgetLimit(T, 1)), null,
                rollout.subList(0, 2), List.of(), List.of()));
        assertThat(never.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(never.summary()).contains("never all Ready at once").contains("zk-2");
    }

    @Test
    void eachMomentIsJudgedAgainstTheBudgetInForceThen() {
        List<UnreadyPods> twoOut = List.of(new UnreadyPods(T, List.of()), new UnreadyPods(T.plusSeconds(5), List.of("zk-0", "zk-1")),
                new UnreadyPods(T.plusSeconds(8), List.of()));
        var raisedBefore = PdbChecks.compliance(new BudgetObservations("run", "zk-pdb", 3,
                List.of(new BudgetLimit(T, 1), new BudgetLimit(T.plusSeconds(2), 2)), T, twoOut, List.of(), List.of()));
        assertThat(raisedBefore.outcome()).isEqualTo(Outcome.PASS);
        assertThat(published(raisedBefore)).containsKey("budgetChanges");

        var raisedAfter = PdbChecks.compliance(new BudgetObservations("run", "zk-pdb", 3,
                List.of(new BudgetLimit(T, 1), new BudgetLimit(T.plusSeconds(6), 2)), T, twoOut, List.of(), List.of()));
        assertThat(raisedAfter.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(raisedAfter.summary()).contains("more than maxUnavailable 1");

        var loweredWhileOut = PdbChecks.compliance(new BudgetObservations("run", "zk-pdb", 3,
                List.of(new BudgetLimit(T, 2), new BudgetLimit(T.plusSeconds(6), 1)), T, twoOut, List.of(), List.of()));
        assertThat(loweredWhileOut.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(published(loweredWhileOut)).containsEntry("firstBreach", T.plusSeconds(6).toString());
    }

    @Test
    void aDrainIsHeldBackOnlyWhenTheBudgetRefusedAndWasNeverExceeded() {
        var held = PdbChecks.drainHeldBack(seen(List.of(List.of("zk-1")),
                List.of(attempt(1, "zk-0", REFUSED), attempt(2, "zk-0", EVICTED))));
        assertThat(held.outcome()).isEqualTo(Outcome.PASS);

        var notHeld = PdbChecks.drainHeldBack(seen(List.of(List.of("zk-0")), List.of(attempt(1, "zk-0", EVICTED))));
        assertThat(notHeld.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(notHeld.summary()).contains("refused no eviction");

        var forced = PdbChecks.drainHeldBack(seen(List.of(List.of("zk-0", "zk-1")),
                List.of(attempt(1, "zk-0", REFUSED))));
        assertThat(forced.outcome()).isEqualTo(Outcome.FAIL);

        assertThat(PdbChecks.drainHeldBack(seen(List.of(List.of()), List.of())).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void aHeldBackDrainNamesEveryRefusalAndEvictionOfAMember() {
        var held = PdbChecks.drainHeldBack(seen(List.of(List.of("zk-0")),
                List.of(attempt(1, "zk-1", REFUSED), attempt(2, "zk-0", EVICTED),
                        new EvictionAttempt(T.plusSeconds(3), "run", "zk-1", "node-a", EvictionAttempt.Result.GONE, "404"))));

        assertThat(held.outcome()).isEqualTo(Outcome.PASS);
        assertThat(held.summary()).isEqualTo("the budget refused 1 eviction(s) of members; at most 1 unavailable at once,"
                + " within maxUnavailable 1");
        assertThat(published(held))
                .containsEntry("refusals", List.of(T.plusSeconds(1) + " zk-1: 429"))
                .containsEntry("evicted", List.of(T.plusSeconds(2) + " zk-0"))
                .containsEntry("mostUnavailableAtOnce", 1)
                .containsEntry("when", T.toString());
    }

    @Test
    void evictionsInOtherNamespacesAreNotTheEnsemblesAndAreLeftOut() {
        EvictionAttempt elsewhere = new EvictionAttempt(T.plusSeconds(1), "kube-system", "coredns-1", "node-a",
                REFUSED, "429");

        var onlyElsewhere = PdbChecks.drainHeldBack(seen(List.of(List.of()), List.of(elsewhere)));
        var beside = PdbChecks.drainHeldBack(seen(List.of(List.of("zk-0")),
                List.of(elsewhere, attempt(2, "zk-0", EVICTED))));

        assertThat(onlyElsewhere.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(onlyElsewhere.summary()).isEqualTo("no member was the subject of an eviction: was a node drained?");
        assertThat(beside.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(published(beside)).containsEntry("refusals", List.of());
        assertThat(seen(List.of(), List.of(elsewhere, attempt(2, "zk-0", EVICTED))).memberEvictions())
                .extracting(EvictionAttempt::pod).containsExactly("zk-0");
    }

    @Test
    void aDrainThatForcedTheBudgetSaysHowManyWereUnavailable() {
        var forced = PdbChecks.drainHeldBack(seen(List.of(List.of("zk-0"), List.of("zk-0", "zk-1")),
                List.of(attempt(1, "zk-0", REFUSED))));

        assertThat(forced.summary()).isEqualTo("2 members were unavailable at once (zk-0, zk-1), more than"
                + " maxUnavailable 1");
        assertThat(published(forced)).containsEntry("mostUnavailableAtOnce", 2)
                .containsEntry("when", T.plusSeconds(1).toString());
    }

    @Test
    void aDrainWithoutReadinessSamplesCannotSayHowManyWereUnavailable() {
        var held = PdbChecks.drainHeldBack(seen(List.of(), List.of(attempt(1, "zk-0", REFUSED))));

        assertThat(held.outcome()).isEqualTo(Outcome.PASS);
        assertThat(held.summary()).contains("at most ? unavailable at once");
        assertThat(published(held)).doesNotContainKeys("mostUnavailableAtOnce", "when");
    }

    @Test
    void complianceNamesTheFirstMomentTheMostWereUnavailable() {
        var v = PdbChecks.compliance(seen(List.of(List.of("zk-0"), List.of(), List.of("zk-1")), List.of()));

        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(v.summary()).isEqualTo("at most 1 of 3 members unavailable at once, within maxUnavailable 1");
        assertThat(published(v)).containsEntry("when", T.toString()).containsEntry("unavailableMembers", List.of("zk-0"));
    }
}
