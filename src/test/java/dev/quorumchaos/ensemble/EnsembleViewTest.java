package dev.quorumchaos.ensemble;

import dev.quorumchaos.service.zookeeper.SrvrAnswer;
import dev.quorumchaos.history.MemberState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.quorumchaos.history.MemberState.DOWN;
import static dev.quorumchaos.history.MemberState.FOLLOWER;
import static dev.quorumchaos.history.MemberState.LEADER;
import static dev.quorumchaos.history.MemberState.LOOKING;
import static org.assertj.core.api.Assertions.assertThat;

class EnsembleViewTest {

    private static EnsembleView view(List<MemberState> states, List<Long> epochs) {
        return new EnsembleView(states, epochs);
    }

    @Test
    void aLeaderAndAMajorityOfFollowersIsAQuorum() {
        EnsembleView v = view(List.of(FOLLOWER, DOWN, LEADER), List.of(0L, -1L, 1L));

        assertThat(v.hasQuorum()).isTrue();
        assertThat(v.leader()).hasValue(2);
        assertThat(v.followers()).containsExactly(0);
    }

    @Test
    void aLeaderAloneIsNoQuorum() {
        assertThat(view(List.of(LOOKING, DOWN, LEADER), List.of(-1L, -1L, 1L)).hasQuorum()).isFalse();
        assertThat(view(List.of(FOLLOWER, FOLLOWER, DOWN), List.of(1L, 1L, -1L)).hasQuorum()).isFalse();
    }

    @Test
    void theNewerEpochLeadsAndItsFollowersCount() {
        EnsembleView v = view(List.of(LEADER, FOLLOWER, FOLLOWER, LEADER, FOLLOWER), List.of(1L, 1L, 2L, 2L, 2L));

        assertThat(v.leader()).hasValue(3);
        assertThat(v.quorumMembers()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void srvrAnswersAreParsed() {
        String leader = "Zookeeper version: 3.9.5\nLatency min/avg/max: 0/0.0/0\nZxid: 0x300000002\nMode: leader\nNode count: 5\n";

        assertThat(SrvrAnswer.mode(leader)).isEqualTo(LEADER);
        assertThat(SrvrAnswer.epoch(leader)).isEqualTo(3);
        assertThat(SrvrAnswer.mode("This ZooKeeper instance is not currently serving requests\n"))
                .isEqualTo(LOOKING);
        assertThat(SrvrAnswer.mode("Zxid: 0x0\nMode: follower\n")).isEqualTo(FOLLOWER);
    }
}
