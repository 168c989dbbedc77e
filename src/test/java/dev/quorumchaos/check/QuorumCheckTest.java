package dev.quorumchaos.check;

import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
        assertThat(v.evidence()).containsEntry("timeToQuorumMs", 500L).containsEntry("quorumLostAtMs", 1010L)
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
        assertThat(v.evidence()).containsEntry("withoutQuorumForMs", 1500L);
    }

    @Test
    void aFaultThatNeverCostQuorumGivesZero() {
        History h = history().threeMembersUp()
                .fault(1000, "kill member 0", FaultEvent.Phase.APPLY, 0)
                .state(1010, 0, MemberState.DOWN).build();

        Verdict v = QuorumCheck.within(h, 3, Duration.ofSeconds(1), ms(3000));

        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(v.evidence()).containsEntry("timeToQuorumMs", 0L);
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
        assertThat(v.evidence()).containsEntry("timeToQuorumMs", 1997L).containsEntry("quorumLostAtMs", 1002L);
        assertThat(v.evidence().get("recovery")).isEqualTo(FaultRecovery.of(h, 3, ms(5000)).get(1));
    }

    @Test
    void keepsQuorumFailsWithEveryOutage() {
        Verdict v = QuorumCheck.kept(leaderKilledAndReplaced(), 3, ms(5000));

        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> outages = (List<Map<String, Object>>) v.evidence().get("outages");
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
    void neverHavingQuorumFailsKeepsQuorum() {
        History h = history().state(100, 0, MemberState.LOOKING).build();

        assertThat(QuorumCheck.kept(h, 3, ms(1000)).outcome()).isEqualTo(Outcome.FAIL);
    }
}
