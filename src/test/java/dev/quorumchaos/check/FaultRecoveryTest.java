package dev.quorumchaos.check;

import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.quorumchaos.check.Histories.history;
import static dev.quorumchaos.check.Histories.ms;
import static org.assertj.core.api.Assertions.assertThat;

/** Time-to-quorum per fault, as defined in {@link FaultRecovery}, on hand-written histories. */
class FaultRecoveryTest {

    /** The leader (member 2) is killed at 2000 ms; 0 and 1 look from 2010 ms; member 0 leads from 2600 ms. */
    private static Histories leaderKilledAt2000() {
        return history().threeMembersUp()
                .fault(2000, "kill leader (member 2)", FaultEvent.Phase.APPLY, 2)
                .state(2010, 2, MemberState.DOWN).state(2010, 0, MemberState.LOOKING).state(2010, 1, MemberState.LOOKING)
                .state(2600, 0, MemberState.LEADER, 2).state(2600, 1, MemberState.FOLLOWER, 2);
    }

    @Test
    void timeToQuorumRunsFromTheFaultToTheEndOfTheOutageItCaused() {
        assertThat(FaultRecovery.of(leaderKilledAt2000().build(), 3, ms(5000))).singleElement().satisfies(r -> {
            assertThat(r.lostAtMs()).isEqualTo(2010);
            assertThat(r.regainedAtMs()).isEqualTo(2600);
            assertThat(r.timeToQuorumMs()).isEqualTo(600);
            assertThat(r.lostBeforeFault()).isFalse();
        });
    }

    @Test
    void aPauseThatKeptQuorumThenALeaderKillGiveZeroAndTheKillsOwnTime() {
        // the case: results.json said [400, 300] and the HTML 0 and 300
        History h = history().threeMembersUp()
                .fault(100, "pause member 0 for 5 s", FaultEvent.Phase.APPLY, 0)
                .state(150, 0, MemberState.UNRESPONSIVE)
                .fault(200, "kill leader (member 2)", FaultEvent.Phase.APPLY, 2)
                .state(210, 2, MemberState.DOWN).state(210, 1, MemberState.LOOKING)
                .state(480, 2, MemberState.LOOKING)
                .state(500, 1, MemberState.LEADER, 2).state(500, 2, MemberState.FOLLOWER, 2)
                .build();

        List<FaultRecovery> r = FaultRecovery.of(h, 3, ms(6000));

        assertThat(r).extracting(FaultRecovery::timeToQuorumMs).containsExactly(0L, 300L);
        assertThat(r.get(0).kept()).isTrue();
        assertThat(r.get(1).lostAtMs()).isEqualTo(210);
        assertThat(r.get(1).regainedAtMs()).isEqualTo(500);
    }

    @Test
    void aFaultLandingWhileQuorumIsAlreadyGoneIsMeasuredToTheEndOfThatOutage() {
        // two volume losses back to back: quorum goes after the first, before the second lands
        History h = history().threeMembersUp()
                .fault(1000, "member 0 loses its volume", FaultEvent.Phase.APPLY, 0)
                .state(1001, 0, MemberState.DOWN)
                .state(1002, 2, MemberState.LOOKING)
                .fault(1003, "member 1 loses its volume", FaultEvent.Phase.APPLY, 1)
                .state(1004, 1, MemberState.DOWN)
                .state(3000, 0, MemberState.FOLLOWER, 2).state(3000, 1, MemberState.LEADER, 2)
                .build();

        List<FaultRecovery> r = FaultRecovery.of(h, 3, ms(6000));

        assertThat(r.get(0).timeToQuorumMs()).isEqualTo(2000);
        assertThat(r.get(0).lostBeforeFault()).isFalse();
        assertThat(r.get(1).lostBeforeFault()).isTrue();
        assertThat(r.get(1).lostAtMs()).isEqualTo(1002);
        assertThat(r.get(1).timeToQuorumMs()).isEqualTo(1997);
    }

    @Test
    void anOutageStartingAfterTheNextFaultBelongsToTheNextFault() {
        History h = leaderKilledAt2000().fault(1000, "kill member 0", FaultEvent.Phase.APPLY, 0).build();

        List<FaultRecovery> r = FaultRecovery.of(h, 3, ms(5000));

        assertThat(r).extracting(FaultRecovery::description).containsExactly("kill member 0", "kill leader (member 2)");
        assertThat(r.get(0).kept()).isTrue();
        assertThat(r.get(1).timeToQuorumMs()).isEqualTo(600);
    }

    @Test
    void quorumNotBackByTheEndHasNoRegainedMomentAndCountsToTheEnd() {
        History h = history().threeMembersUp()
                .fault(1908, "kill 2 follower(s) [0, 1]", FaultEvent.Phase.APPLY, 0, 1)
                .state(1921, 0, MemberState.DOWN).state(1921, 1, MemberState.DOWN)
                .build();

        assertThat(FaultRecovery.of(h, 3, ms(3211))).singleElement().satisfies(r -> {
            assertThat(r.regained()).isFalse();
            assertThat(r.kept()).isFalse();
            assertThat(r.timeToQuorumMs()).isEqualTo(3211 - 1908);
        });
    }

    @Test
    void anOutageBeginningAtTheFaultsVeryMomentIsTheFaults() {
        History h = history().threeMembersUp()
                .fault(1000, "kill leader (member 2)", FaultEvent.Phase.APPLY, 2)
                .state(1000, 2, MemberState.DOWN)
                .state(1400, 0, MemberState.LEADER, 2)
                .build();

        assertThat(FaultRecovery.of(h, 3, ms(3000))).singleElement().satisfies(r -> {
            assertThat(r.lostBeforeFault()).isFalse();
            assertThat(r.timeToQuorumMs()).isEqualTo(400);
        });
    }

    @Test
    void aRecoveryNamesTheFaultAndTheMembersItHit() {
        assertThat(FaultRecovery.of(leaderKilledAt2000().build(), 3, ms(5000))).singleElement().satisfies(r -> {
            assertThat(r.faultId()).isEqualTo("f-kill leader (member 2)");
            assertThat(r.description()).isEqualTo("kill leader (member 2)");
            assertThat(r.members()).containsExactly(2);
            assertThat(r.appliedAtMs()).isEqualTo(2000);
        });
    }

    @Test
    void aFaultRecoveredLaterIsStillOneFigureMeasuredFromWhenItWasApplied() {
        History h = leaderKilledAt2000().fault(4000, "kill leader (member 2)", FaultEvent.Phase.RECOVER, 2).build();

        assertThat(FaultRecovery.of(h, 3, ms(5000))).singleElement()
                .satisfies(r -> assertThat(r.timeToQuorumMs()).isEqualTo(600));
    }

    @Test
    void faultsAppliedAtTheSameMomentShareTheirWindowAndBothPayForTheOutage() {
        History h = history().threeMembersUp()
                .fault(1000, "kill member 0", FaultEvent.Phase.APPLY, 0)
                .fault(1000, "kill member 1", FaultEvent.Phase.APPLY, 1)
                .state(1010, 0, MemberState.DOWN).state(1010, 1, MemberState.DOWN)
                .state(1500, 0, MemberState.FOLLOWER).state(1500, 1, MemberState.FOLLOWER)
                .build();

        assertThat(FaultRecovery.of(h, 3, ms(3000))).extracting(FaultRecovery::timeToQuorumMs)
                .containsExactly(500L, 500L);
    }

    @Test
    void anOutageBeginningAtTheVeryMomentTheNextFaultLandsIsTheNextFaults() {
        History h = history().threeMembersUp()
                .fault(1000, "kill member 0", FaultEvent.Phase.APPLY, 0)
                .state(1010, 0, MemberState.DOWN)
                .fault(2000, "kill leader (member 2)", FaultEvent.Phase.APPLY, 2)
                .state(2000, 2, MemberState.DOWN)
                .state(2400, 1, MemberState.LEADER, 2)
                .state(2400, 0, MemberState.FOLLOWER, 2)
                .build();

        List<FaultRecovery> r = FaultRecovery.of(h, 3, ms(3000));

        assertThat(r.get(0).kept()).isTrue();
        assertThat(r.get(0).timeToQuorumMs()).isZero();
        assertThat(r.get(1).timeToQuorumMs()).isEqualTo(400);
        assertThat(r.get(1).regainedAtMs()).isEqualTo(2400);
    }
}
