package dev.quorumchaos.check;

import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.quorumchaos.check.PublishedEvidence.published;
import static dev.quorumchaos.check.Histories.history;
import static dev.quorumchaos.check.Histories.ms;
import static org.assertj.core.api.Assertions.assertThat;

class QuorumCheckTest {

    /** The leader dies at 1000 ms; followers look for 400 ms; member 0 leads from 1500 ms. */
    private static History leaderKilledAndReplaced() {
        return history().threeMembersUp()
                .fault(1000, "kill leader (member 2)", FaultEvent.Phase.APPLY, 2)
                .state(1010, 2, MemberState.DOWN)
                .state(1100, 0, MemberState.LOOKING).state(1100, 1, MemberState.LOOKING)
                .state(1500, 0, MemberState.LEADER, 2).state(1500, 1, MemberState.FOLLOWER, 2)
                .build();
    }

    @Test
    void quorumRegainedBeforeTheDeadlinePassesWithTheMeasuredTime() {
        Verdict v = QuorumCheck.within(leaderKilledAndReplaced(), 3, Duration.ofSeconds(30), ms(5000));

        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(published(v)).containsEntry("timeToQuorumMs", 500L).containsEntry("quorumLostAtMs", 1010L)
                .containsEntry("leader", 0);
    }

    @Test
    void quorumRegainedAfterTheDeadlineFails() {
        Verdict v = QuorumCheck.within(leaderKilledAndReplaced(), 3, Duration.ofMillis(300), ms(5000));

        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.summary()).contains("500 ms").contains("kill leader (member 2)");
    }

    @Test
    void noQuorumAtAllAfterTheFaultFails() {
        History h = history().threeMembersUp()
                .fault(1000, "kill 2 followers", FaultEvent.Phase.APPLY, 0, 1)
                .state(1010, 0, MemberState.DOWN).state(1010, 1, MemberState.DOWN).state(1020, 2, MemberState.LOOKING)
                .build();

        Verdict v = QuorumCheck.within(h, 3, Duration.ofSeconds(1), ms(2500));

        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(published(v)).containsEntry("withoutQuorumForMs", 1500L);
    }

    @Test
    void aFaultThatNeverCostQuorumGivesZero() {
        History h = history().threeMembersUp()
                .fault(1000, "kill member 0", FaultEvent.Phase.APPLY, 0)
                .state(1010, 0, MemberState.DOWN).build();

        Verdict v = QuorumCheck.within(h, 3, Duration.ofSeconds(1), ms(3000));

        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(published(v)).containsEntry("timeToQuorumMs", 0L);
        assertThat(v.summary()).contains("never lost");
    }

    @Test
    void aFaultLandingWhileQuorumIsGoneNeverReadsAsQuorumNeverLost() {
        // two volume losses back to back: the progress line says "quorum lost" between them
        History h = history().threeMembersUp()
                .fault(1000, "member 0 loses its volume", FaultEvent.Phase.APPLY, 0)
                .state(1001, 0, MemberState.DOWN).state(1002, 2, MemberState.LOOKING)
                .fault(1003, "member 1 loses its volume", FaultEvent.Phase.APPLY, 1)
                .state(1004, 1, MemberState.DOWN)
                .state(3000, 0, MemberState.FOLLOWER, 2).state(3000, 1, MemberState.LEADER, 2)
                .build();

        Verdict v = QuorumCheck.within(h, 3, Duration.ofSeconds(30), ms(5000));

        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(v.summary()).doesNotContain("never lost")
                .isEqualTo("quorum 1997 ms after the fault 'member 1 loses its volume' (quorum was already gone when it"
                        + " landed, lost at 1002 ms)");
        assertThat(published(v)).containsEntry("timeToQuorumMs", 1997L).containsEntry("quorumLostAtMs", 1002L);
        assertThat(v.evidence(QuorumEvidence.class).recovery()).isEqualTo(FaultRecovery.of(h, 3, ms(5000)).get(1));
    }

    @Test
    void keepsQuorumFailsWithEveryOutage() {
        Verdict v = QuorumCheck.kept(leaderKilledAndReplaced(), 3, ms(5000));

        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> outages = (List<Map<String, Object>>) published(v).get("outages");
        assertThat(outages).singleElement().satisfies(o -> {
            assertThat(o).containsEntry("fromMs", 1010L).containsEntry("toMs", 1500L).containsEntry("durationMs", 490L)
                    .containsEntry("ongoing", false);
        });
    }

    @Test
    void keepsQuorumPassesWhenOnlyAFollowerDied() {
        History h = history().threeMembersUp().state(1000, 1, MemberState.DOWN).state(3000, 1, MemberState.FOLLOWER)
                .build();

        assertThat(QuorumCheck.kept(h, 3, ms(5000)).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aDeposedLeaderStillClaimingToLeadDoesNotMakeAQuorum() {
        // member 2 was cut off and still says leader (epoch 1); 0 and 1 elected 0 in epoch 2
        History h = history().threeMembersUp()
                .state(1000, 0, MemberState.LOOKING).state(1000, 1, MemberState.LOOKING)
                .state(1400, 0, MemberState.LEADER, 2).state(1400, 1, MemberState.FOLLOWER, 2).build();

        QuorumTimeline timeline = QuorumTimeline.of(3, h.stateChanges(), ms(2000));

        assertThat(timeline.intervals()).last().satisfies(i -> {
            assertThat(i.quorum()).isTrue();
            assertThat(i.leader()).isZero();
        });
        assertThat(timeline.outagesSince(0)).extracting(QuorumTimeline.Interval::startNanos).contains(ms(1000));
    }

    @Test
    void aLeaderSteppingDownWhileTheEnsembleStillBootsIsNotCountedAgainstKeepsQuorum() {
        // the first leader steps down at 300 ms while members still start; every member serves from 900 ms
        History h = history().threeMembersUp()
                .state(300, 2, MemberState.LOOKING).state(300, 0, MemberState.LOOKING)
                .state(800, 0, MemberState.LEADER, 2).state(800, 2, MemberState.FOLLOWER, 2)
                .ready(900).build();

        Verdict v = QuorumCheck.kept(h, 3, ms(5000));

        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(v.summary()).isEqualTo("quorum held from 900 ms on");
    }

    @Test
    void anOutageAfterTheEnsembleWasReadyStillFailsKeepsQuorum() {
        History h = history().threeMembersUp().ready(500)
                .state(1000, 2, MemberState.DOWN).state(1000, 0, MemberState.LOOKING).state(1000, 1, MemberState.LOOKING)
                .state(1400, 0, MemberState.LEADER, 2).state(1400, 1, MemberState.FOLLOWER, 2).build();

        Verdict v = QuorumCheck.kept(h, 3, ms(5000));

        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.summary()).startsWith("quorum was lost 1 time(s), for 400 ms in all; first at 1000 ms");
    }

    @Test
    void neverHavingQuorumFailsKeepsQuorum() {
        History h = history().state(100, 0, MemberState.LOOKING).build();

        assertThat(QuorumCheck.kept(h, 3, ms(1000)).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void quorumRegainedExactlyAtTheDeadlinePasses() {
        Verdict v = QuorumCheck.within(leaderKilledAndReplaced(), 3, Duration.ofMillis(500), ms(5000));

        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(v.summary()).isEqualTo("quorum 500 ms after the fault 'kill leader (member 2)'");
        assertThat(published(v)).containsEntry("quorumAtMs", 1500L).containsEntry("measuredFromMs", 1000L)
                .containsEntry("deadlineMs", 500L).containsEntry("measuredFrom", "the fault 'kill leader (member 2)'");
    }

    @Test
    void quorumRegainedOneMillisecondAfterTheDeadlineFailsAndSaysBy() {
        Verdict v = QuorumCheck.within(leaderKilledAndReplaced(), 3, Duration.ofMillis(499), ms(5000));

        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.summary()).isEqualTo("quorum took 500 ms after the fault 'kill leader (member 2)', over the 0 s"
                + " deadline");
    }

    @Test
    void noQuorumAfterTheFaultNamesTheFaultAndHowLongQuorumHasBeenGone() {
        History h = history().threeMembersUp()
                .fault(1000, "kill 2 followers", FaultEvent.Phase.APPLY, 0, 1)
                .state(1010, 0, MemberState.DOWN).state(1010, 1, MemberState.DOWN)
                .build();

        Verdict v = QuorumCheck.within(h, 3, Duration.ofSeconds(1), ms(2500));

        assertThat(v.summary()).isEqualTo("no quorum 1 s after the fault 'kill 2 followers'");
        assertThat(published(v)).containsEntry("quorumLostAtMs", 1010L).doesNotContainKey("timeToQuorumMs");
    }

    @Test
    void quorumAlreadyGoneWhenTheLastFaultLandedAndNeverBackSaysSo() {
        History h = history().threeMembersUp()
                .state(1000, 0, MemberState.DOWN).state(1000, 1, MemberState.DOWN)
                .fault(2000, "kill leader (member 2)", FaultEvent.Phase.APPLY, 2)
                .state(2010, 2, MemberState.DOWN)
                .build();

        Verdict v = QuorumCheck.within(h, 3, Duration.ofSeconds(30), ms(4000));

        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.summary()).isEqualTo("no quorum 30 s after the fault 'kill leader (member 2)' (quorum was"
                + " already gone when it landed, lost at 1000 ms)");
        assertThat(published(v)).containsEntry("withoutQuorumForMs", 2000L);
    }

    @Test
    void withoutAFaultTimeToQuorumRunsFromTheEnsemblesStart() {
        Verdict v = QuorumCheck.within(history().threeMembersUp().build(), 3, Duration.ofSeconds(30), ms(5000));

        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(v.summary()).isEqualTo("quorum 100 ms after the ensemble's start");
        assertThat(published(v)).containsEntry("measuredFrom", "the ensemble's start").containsEntry("leader", 2)
                .containsEntry("timeToQuorumMs", 100L);
    }

    @Test
    void theLeaderNamedIsTheOneThatHeldTheQuorumRegained() {
        Verdict v = QuorumCheck.within(withLaterLeaderChange(), 3, Duration.ofSeconds(30), ms(5000));

        assertThat(published(v)).containsEntry("leader", 0);
    }

    /** After member 0 took over at 1500 ms, member 1 takes over at 3000 ms. */
    private static History withLaterLeaderChange() {
        return history().threeMembersUp()
                .fault(1000, "kill leader (member 2)", FaultEvent.Phase.APPLY, 2)
                .state(1010, 2, MemberState.DOWN)
                .state(1100, 0, MemberState.LOOKING).state(1100, 1, MemberState.LOOKING)
                .state(1500, 0, MemberState.LEADER, 2).state(1500, 1, MemberState.FOLLOWER, 2)
                .state(3000, 0, MemberState.FOLLOWER, 3).state(3000, 1, MemberState.LEADER, 3)
                .build();
    }

    @Test
    void keepsQuorumCountsEveryOutageInAllAndSaysWhenTheLastIsNotOverYet() {
        History h = history().threeMembersUp()
                .state(1000, 2, MemberState.LOOKING).state(1300, 2, MemberState.LEADER)
                .state(2000, 2, MemberState.DOWN)
                .build();

        Verdict v = QuorumCheck.kept(h, 3, ms(2500));

        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.summary()).isEqualTo("quorum was lost 2 time(s), for 800 ms in all and is not back yet; first at"
                + " 1000 ms (" + h.wallClock(ms(1000)) + ")");
        assertThat(published(v)).containsEntry("firstQuorumAtMs", 100L);
    }

    @Test
    void keepsQuorumCountsTheOutagesAfterTheFirstQuorumOnly() {
        History h = history().threeMembersUp()
                .state(1000, 2, MemberState.LOOKING).state(1300, 2, MemberState.LEADER)
                .build();

        Verdict v = QuorumCheck.kept(h, 3, ms(2500));

        assertThat(v.summary()).isEqualTo("quorum was lost 1 time(s), for 300 ms in all; first at 1000 ms ("
                + h.wallClock(ms(1000)) + ")");
    }

    @Test
    void keepsQuorumPassesFromTheFirstQuorumOn() {
        Verdict v = QuorumCheck.kept(history().threeMembersUp().build(), 3, ms(5000));

        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(v.summary()).isEqualTo("quorum held from 100 ms on");
    }

    @Test
    void neverHavingQuorumSaysSo() {
        Verdict v = QuorumCheck.kept(history().state(100, 0, MemberState.LOOKING).build(), 3, ms(1000));

        assertThat(v.summary()).isEqualTo("the ensemble never had a quorum");
    }

    private static final int[] TWO_TO_ZERO = {2, 0};
    private static final int[] ZERO_TO_TWO = {0, 2};
    private static final int[] TWO_TO_ONE = {2, 1};
    private static final int[] ONE_TO_TWO = {1, 2};

    @Test
    void whileAPartitionCutsTheLeaderOffItHasNoQuorumWhateverTheMembersStillSay() {
        // nobody has noticed yet: every member still reports the roles it had before the cut
        History h = history().threeMembersUp()
                .partition(1000, "isolate leader (member 2)", FaultEvent.Phase.APPLY,
                        TWO_TO_ZERO, ZERO_TO_TWO, TWO_TO_ONE, ONE_TO_TWO)
                .partition(3000, "isolate leader (member 2)", FaultEvent.Phase.RECOVER,
                        TWO_TO_ZERO, ZERO_TO_TWO, TWO_TO_ONE, ONE_TO_TWO)
                .build();

        Verdict kept = QuorumCheck.kept(h, 3, ms(5000));
        Verdict within = QuorumCheck.within(h, 3, Duration.ofSeconds(30), ms(5000));

        assertThat(kept.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(outages(kept)).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("fromMs", 1000L).containsEntry("toMs", 3000L));
        assertThat(published(within)).containsEntry("timeToQuorumMs", 2000L).containsEntry("quorumLostAtMs", 1000L);
    }

    @Test
    void whenTheMajoritySideElectsALeaderQuorumIsBackBeforeThePartitionHeals() {
        History h = history().threeMembersUp()
                .partition(1000, "isolate leader (member 2)", FaultEvent.Phase.APPLY,
                        TWO_TO_ZERO, ZERO_TO_TWO, TWO_TO_ONE, ONE_TO_TWO)
                .state(1500, 0, MemberState.LOOKING).state(1500, 1, MemberState.LOOKING)
                .state(2500, 0, MemberState.LEADER, 2).state(2500, 1, MemberState.FOLLOWER, 2)
                .partition(4000, "isolate leader (member 2)", FaultEvent.Phase.RECOVER,
                        TWO_TO_ZERO, ZERO_TO_TWO, TWO_TO_ONE, ONE_TO_TWO)
                .state(4200, 2, MemberState.FOLLOWER, 2)
                .build();

        Verdict v = QuorumCheck.within(h, 3, Duration.ofSeconds(30), ms(5000));

        assertThat(published(v)).containsEntry("timeToQuorumMs", 1500L).containsEntry("quorumLostAtMs", 1000L)
                .containsEntry("leader", 0);
        assertThat(outages(QuorumCheck.kept(h, 3, ms(5000)))).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("fromMs", 1000L).containsEntry("toMs", 2500L));
    }

    @Test
    void aNewerLeaderTakingOverWhileTheOldOneStillClaimsToLeadChangesTheLeaderNotTheQuorum() {
        History h = history().threeMembersUp()
                .state(2000, 0, MemberState.LEADER, 2)
                .build();

        QuorumTimeline timeline = QuorumTimeline.of(3, h.stateChanges(), ms(5000));

        assertThat(timeline.intervals()).containsExactly(
                new QuorumTimeline.Interval(0, ms(100), false, -1),
                new QuorumTimeline.Interval(ms(100), ms(2000), true, 2),
                new QuorumTimeline.Interval(ms(2000), ms(5000), true, 0));
        assertThat(QuorumCheck.kept(h, 3, ms(5000)).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aLinkCutInOneDirectionOnlyStillTakesTheFollowerOutOfTheLeadersQuorum() {
        History h = history().threeMembersUp()
                .partition(1000, "drop the leader's messages", FaultEvent.Phase.APPLY, TWO_TO_ZERO, TWO_TO_ONE)
                .partition(3000, "drop the leader's messages", FaultEvent.Phase.RECOVER, TWO_TO_ZERO, TWO_TO_ONE)
                .build();

        assertThat(QuorumCheck.kept(h, 3, ms(5000)).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void aPartitionThatLeavesTheLeaderAMajorityKeepsQuorum() {
        History h = history().threeMembersUp()
                .partition(1000, "isolate member 0", FaultEvent.Phase.APPLY, TWO_TO_ZERO, ZERO_TO_TWO)
                .partition(3000, "isolate member 0", FaultEvent.Phase.RECOVER, TWO_TO_ZERO, ZERO_TO_TWO)
                .build();

        assertThat(QuorumCheck.kept(h, 3, ms(5000)).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void healingOnePartitionLeavesTheCutsOfAnotherInPlace() {
        History h = history().threeMembersUp()
                .partition(1000, "cut 2 from 0", FaultEvent.Phase.APPLY, TWO_TO_ZERO, ZERO_TO_TWO)
                .partition(2000, "cut 2 from 1", FaultEvent.Phase.APPLY, TWO_TO_ONE, ONE_TO_TWO)
                .fault(2500, "kill member 0", FaultEvent.Phase.RECOVER, 0)
                .partition(3000, "cut 2 from 1", FaultEvent.Phase.RECOVER, TWO_TO_ONE, ONE_TO_TWO)
                .partition(4000, "cut 2 from 0", FaultEvent.Phase.RECOVER, TWO_TO_ZERO, ZERO_TO_TWO)
                .build();

        assertThat(outages(QuorumCheck.kept(h, 3, ms(5000)))).singleElement()
                .satisfies(o -> assertThat(o).containsEntry("fromMs", 2000L).containsEntry("toMs", 3000L));
        assertThat(QuorumTimeline.activeCuts(h.faultEvents(), ms(2500))).containsExactlyInAnyOrder(
                new FaultEvent.Link(2, 0), new FaultEvent.Link(0, 2), new FaultEvent.Link(2, 1),
                new FaultEvent.Link(1, 2));
        assertThat(QuorumTimeline.activeCuts(h.faultEvents(), ms(3000))).containsExactlyInAnyOrder(
                new FaultEvent.Link(2, 0), new FaultEvent.Link(0, 2));
        assertThat(QuorumTimeline.activeCuts(h.faultEvents(), ms(999))).isEmpty();
        assertThat(QuorumTimeline.activeCuts(h.faultEvents(), ms(4000))).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> outages(Verdict v) {
        return (List<Map<String, Object>>) published(v).get("outages");
    }

    @Test
    void aLeaderHandOverWithinOneInstantIsNoOutage() {
        History h = history().threeMembersUp()
                .state(3000, 2, MemberState.FOLLOWER, 2).state(3000, 0, MemberState.LEADER, 2)
                .state(3000, 1, MemberState.FOLLOWER, 2)
                .build();

        Verdict v = QuorumCheck.kept(h, 3, ms(5000));

        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(QuorumTimeline.of(3, h.stateChanges(), ms(5000)).intervals())
                .extracting(QuorumTimeline.Interval::leader).containsExactly(-1, 2, 0);
    }

    @Test
    void aFlapWithinOneInstantLeavesTheSameLeaderInOneInterval() {
        History h = history().threeMembersUp()
                .state(3000, 2, MemberState.LOOKING).state(3000, 2, MemberState.LEADER)
                .build();

        assertThat(QuorumTimeline.of(3, h.stateChanges(), ms(5000)).intervals()).containsExactly(
                new QuorumTimeline.Interval(0, ms(100), false, -1),
                new QuorumTimeline.Interval(ms(100), ms(5000), true, 2));
    }

    @Test
    void theLeaderNamedIsTheOneServingFromTheMomentQuorumIsMeasured() {
        // the fault lands as leadership passes from 2 to 0, quorum kept
        History h = history().threeMembersUp()
                .fault(3000, "pause member 1", FaultEvent.Phase.APPLY, 1)
                .state(3000, 2, MemberState.FOLLOWER, 2).state(3000, 0, MemberState.LEADER, 2)
                .state(3000, 1, MemberState.FOLLOWER, 2)
                .build();

        Verdict v = QuorumCheck.within(h, 3, Duration.ofSeconds(30), ms(5000));

        assertThat(v.summary()).isEqualTo("quorum was never lost after the fault 'pause member 1'");
        assertThat(published(v)).containsEntry("leader", 0).containsEntry("quorumAtMs", 3000L)
                .doesNotContainKey("quorumLostAtMs");
    }

    @Test
    void anEnsembleServingFromTheFirstInstantKeepsQuorumFromZero() {
        History h = history().state(0, 0, MemberState.FOLLOWER).state(0, 1, MemberState.FOLLOWER)
                .state(0, 2, MemberState.LEADER).build();

        Verdict v = QuorumCheck.kept(h, 3, ms(1000));

        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(v.summary()).isEqualTo("quorum held from 0 ms on");
    }

    @Test
    void theFirstQuorumAtOrAfterAMoment() {
        QuorumTimeline timeline = QuorumTimeline.of(3, leaderKilledAndReplaced().stateChanges(), ms(5000));

        assertThat(timeline.quorumAtOrAfter(0)).isEqualTo(ms(100));
        assertThat(timeline.quorumAtOrAfter(ms(500))).isEqualTo(ms(500));
        assertThat(timeline.quorumAtOrAfter(ms(1010))).isEqualTo(ms(1500));
        assertThat(timeline.quorumAtOrAfter(ms(1009))).isEqualTo(ms(1009));
        assertThat(QuorumTimeline.of(3, List.of(), ms(5000)).quorumAtOrAfter(0)).isEqualTo(-1);
    }
}
