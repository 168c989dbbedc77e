package dev.quorumchaos.ensemble;

import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberState;
import dev.quorumchaos.history.MemberStateChange;
import dev.quorumchaos.history.MembershipChange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The observer follows the membership: a member joins the view with what it says, and a member removed is no longer asked. */
class RoleObserverResizeTest {

    @Test
    void aJoiningMemberIsAskedBeforeItCountsAndALeavingOneIsNoLongerAsked() throws Exception {
        Map<Integer, Integer> asked = new ConcurrentHashMap<>();
        RoleProbe probe = (ordinal, timeout) -> {
            asked.merge(ordinal, 1, Integer::sum);
            return RoleProbe.Answer.of(ordinal == 0 ? MemberState.LEADER : MemberState.FOLLOWER, 1);
        };
        History history = new History();
        List<EnsembleView> seen = new ArrayList<>();
        try (RoleObserver observer = new RoleObserver(3, probe, history, Duration.ofMillis(10), Duration.ofMillis(50))) {
            observer.addListener((change, before, after) -> {
                synchronized (seen) {
                    seen.add(after);
                }
            });
            observer.refresh();

            observer.resize(4, "member 3 joined");
            EnsembleView four = observer.view();
            observer.resize(3, "member 3 left");
            asked.clear();
            observer.refresh();

            assertThat(four.states()).containsExactly(MemberState.LEADER, MemberState.FOLLOWER, MemberState.FOLLOWER,
                    MemberState.FOLLOWER);
            assertThat(observer.view().size()).isEqualTo(3);
            assertThat(asked).doesNotContainKey(3);
            assertThat(history.memberships()).extracting(MembershipChange::from, MembershipChange::to)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(3, 4), org.assertj.core.groups.Tuple.tuple(4, 3));
            // member 3's first answer is in the history, dated before it joined, and in no listener's view
            MemberStateChange first = history.stateChanges().stream().filter(c -> c.member() == 3).findFirst().orElseThrow();
            assertThat(first.timeNanos()).isLessThanOrEqualTo(history.memberships().get(0).timeNanos());
            synchronized (seen) {
                assertThat(seen).allSatisfy(v -> assertThat(v.size()).isBetween(3, 4));
            }
        }
    }
}
