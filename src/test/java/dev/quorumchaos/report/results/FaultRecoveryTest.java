package dev.quorumchaos.report.results;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.quorumchaos.report.ResultsJson.scenario;
import static org.assertj.core.api.Assertions.assertThat;

class FaultRecoveryTest {

    @Test
    void timeToQuorumRunsFromTheFaultToTheEndOfTheOutageItCaused() {
        List<FaultRecovery> r = FaultRecovery.of(scenario("kill leader").quorumFlips(1000, 2010, 2600)
                .fault("kill leader (member 2)", List.of(2), 2000, 3000L).read());

        assertThat(r).singleElement().satisfies(f -> {
            assertThat(f.lostAtMs()).isEqualTo(2010);
            assertThat(f.regainedAtMs()).isEqualTo(2600);
            assertThat(f.timeToQuorumMs()).isEqualTo(600);
            assertThat(f.alreadyWithout()).isFalse();
        });
    }

    @Test
    void aFaultThatKeptQuorumHasTimeToQuorumZero() {
        assertThat(FaultRecovery.of(scenario("kill one of five").quorumFlips(1000)
                .fault("kill member 0", List.of(0), 2000, 3000L).read()))
                .singleElement().satisfies(f -> {
                    assertThat(f.kept()).isTrue();
                    assertThat(f.timeToQuorumMs()).isZero();
                });
    }

    @Test
    void aFaultLandingWhileQuorumIsAlreadyGoneIsMeasuredToTheEndOfThatOutageNotCountedAsZero() {
        List<FaultRecovery> r = FaultRecovery.of(scenario("pause then volume loss").quorumFlips(1000, 4986, 6920)
                .fault("pause member 2", List.of(2), 4732, 19_998L)
                .fault("volume loss on member 0", List.of(0), 4989, 5998L).read());

        assertThat(r.get(0).timeToQuorumMs()).isEqualTo(6920 - 4732);
        assertThat(r.get(1).alreadyWithout()).isTrue();
        assertThat(r.get(1).timeToQuorumMs()).isEqualTo(6920 - 4989);
    }

    @Test
    void anOutageStartingAfterTheNextFaultBelongsToTheNextFault() {
        List<FaultRecovery> r = FaultRecovery.of(scenario("two faults").quorumFlips(1000, 6010, 7000)
                .fault("kill member 0", List.of(0), 2000, 3000L)
                .fault("kill leader (member 2)", List.of(2), 6000, 7000L).read());

        assertThat(r.get(0).kept()).isTrue();
        assertThat(r.get(1).timeToQuorumMs()).isEqualTo(1000);
    }

    @Test
    void quorumNotBackByTheEndHasNoRegainedMomentAndCountsToTheEnd() {
        List<FaultRecovery> r = FaultRecovery.of(scenario("two followers of three").durationMs(3211)
                .quorumFlips(1823, 1921).fault("kill 2 follower(s) [0, 1]", List.of(0, 1), 1908, 2927L).read());

        assertThat(r).singleElement().satisfies(f -> {
            assertThat(f.regained()).isFalse();
            assertThat(f.timeToQuorumMs()).isEqualTo(3211 - 1908);
        });
    }
}
