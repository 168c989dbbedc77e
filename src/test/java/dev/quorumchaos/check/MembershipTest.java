package dev.quorumchaos.check;

import dev.quorumchaos.ensemble.EnsembleView;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.quorumchaos.check.Histories.history;
import static dev.quorumchaos.check.Histories.ms;
import static org.assertj.core.api.Assertions.assertThat;

/** Quorum and the budget over the members of each moment, while the ensemble grows and shrinks. */
class MembershipTest {

    private static final Duration GRACE = Duration.ofSeconds(1);

    /** Three members up; at 1000 ms two more join (seen following since 800 ms); at 5000 ms they leave. */
    private static Histories grownAndShrunk() {
        return history().threeMembersUp()
                .state(200, 3, MemberState.DOWN).state(200, 4, MemberState.DOWN)
                .state(800, 3, MemberState.FOLLOWER).state(800, 4, MemberState.FOLLOWER)
                .membership(1000, 3, 5).membership(5000, 5, 3)
                .state(5100, 3, MemberState.DOWN).state(5100, 4, MemberState.DOWN);
    }

    @Test
    void membersBeforeTheyJoinAndAfterTheyLeaveAreNobodysDisruption() {
        History h = grownAndShrunk().build();

        Verdict v = DisruptionBudgetCheck.check(h, 3, 0, GRACE, ms(10_000));

        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        // the same history judged as if five members voted throughout: the joiners' boot and the
        // leavers' stop count
        Verdict fixed = DisruptionBudgetCheck.check(withoutMemberships(h), 5, 0, GRACE, ms(10_000));
        assertThat(fixed.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void aMemberThatJoinsTheMembershipWithoutServingCountsAgainstTheBudget() {
        History h = history().threeMembersUp()
                .state(200, 3, MemberState.LOOKING)
                .membership(1000, 3, 4).build();

        Verdict v = DisruptionBudgetCheck.check(h, 4, 0, GRACE, ms(10_000));

        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.summary()).contains("[3]").contains("1000 ms");
    }

    @Test
    void quorumIsAMajorityOfTheMembersOfItsMoment() {
        // grown to 5 with two members that never serve: 3 of 5 still make a quorum, until member 1
        // goes down at 3000 ms; of the original 3 members, 2 serving would have been enough
        History h = history().threeMembersUp()
                .state(200, 3, MemberState.LOOKING).state(200, 4, MemberState.LOOKING)
                .membership(1000, 3, 5)
                .state(3000, 1, MemberState.DOWN).build();

        QuorumTimeline timeline = QuorumTimeline.of(5, h, ms(10_000));
        Verdict kept = QuorumCheck.kept(h, 5, ms(10_000));

        assertThat(timeline.outagesSince(timeline.firstQuorumNanos())).singleElement()
                .satisfies(i -> assertThat(i.startNanos()).isEqualTo(ms(3000)));
        assertThat(kept.outcome()).isEqualTo(Outcome.FAIL);
        // judged over the 3 members it was deployed with, the two that never served are not counted
        assertThat(QuorumCheck.kept(withoutMemberships(h), 3, ms(10_000)).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aShrinkThatRemovesTheLeaderLeavesNoQuorumUntilAnotherLeads() {
        History h = history().threeMembersUp()
                .membership(150, 3, 4)
                .state(200, 3, MemberState.LEADER, 2).state(200, 2, MemberState.FOLLOWER, 2)
                .state(200, 0, MemberState.FOLLOWER, 2).state(200, 1, MemberState.FOLLOWER, 2)
                .membership(2000, 4, 3)
                .state(2400, 2, MemberState.LEADER, 3).build();

        QuorumTimeline timeline = QuorumTimeline.of(3, h, ms(10_000));

        assertThat(timeline.outagesSince(timeline.firstQuorumNanos())).singleElement().satisfies(i -> {
            assertThat(i.startNanos()).isEqualTo(ms(2000));
            assertThat(i.endNanos()).isEqualTo(ms(2400));
        });
    }

    @Test
    void aBudgetOfOneFitsThreeAndFiveMembersButNotTwo() {
        Verdict fits = BudgetFitCheck.check(grownAndShrunk().build(), 3, 1);
        Verdict shortOfIt = BudgetFitCheck.check(history().threeMembersUp().membership(2000, 3, 2).build(), 2, 1);
        Verdict unchanged = BudgetFitCheck.check(new History(), 3, 2);

        assertThat(fits.outcome()).isEqualTo(Outcome.PASS);
        assertThat(fits.summary()).contains("(3, 5, 3)");
        assertThat(shortOfIt.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(shortOfIt.summary()).isEqualTo(
                "with 2 members from 2000 ms, 1 unavailable leave 1, short of the majority of 2");
        assertThat(((BudgetFitEvidence) shortOfIt.evidence()).shortSize()).isEqualTo(2);
        assertThat(unchanged.outcome()).as("a budget of 2 never fits 3 members").isEqualTo(Outcome.FAIL);
    }

    @Test
    void sizeAtFollowsTheChangesAndCapacityIsTheMostThereEverWere() {
        Membership m = Membership.of(3, grownAndShrunk().build());

        assertThat(m.sizeAt(ms(999))).isEqualTo(3);
        assertThat(m.sizeAt(ms(1000))).isEqualTo(5);
        assertThat(m.sizeAt(ms(6000))).isEqualTo(3);
        assertThat(m.capacity()).isEqualTo(5);
        assertThat(Membership.of(3, new History()).capacity()).isEqualTo(3);
    }

    @Test
    void theMembershipCheckFailsOnTooFewListedOrTooFewServingAndPassesOnBoth() {
        EnsembleView three = new EnsembleView(
                List.of(MemberState.FOLLOWER, MemberState.LEADER, MemberState.FOLLOWER), List.of(1L, 1L, 1L));
        EnsembleView oneLooking = new EnsembleView(
                List.of(MemberState.FOLLOWER, MemberState.LEADER, MemberState.LOOKING), List.of(1L, 1L, -1L));
        List<String> listed = List.of("server.1=a", "server.2=b", "server.3=c");

        Verdict pass = MembershipCheck.check(3, listed, three);
        Verdict askedFive = MembershipCheck.check(5, listed, three);
        Verdict notServing = MembershipCheck.check(3, listed, oneLooking);

        assertThat(pass.outcome()).isEqualTo(Outcome.PASS);
        assertThat(askedFive.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(askedFive.summary()).contains("lists 3 voting members, not 5");
        assertThat(notServing.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(notServing.summary()).contains("2 of 3 observed members serve");
        assertThat(((MembershipEvidence) askedFive.evidence()).committed()).isEqualTo(listed);
        assertThat(askedFive.evidence().judges()).isEqualTo(Judges.AVAILABILITY);
    }

    private static History withoutMemberships(History h) {
        History copy = new History();
        h.stateChanges().forEach(copy::recordState);
        return copy;
    }
}
