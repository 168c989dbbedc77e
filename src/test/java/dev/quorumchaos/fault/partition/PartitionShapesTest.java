package dev.quorumchaos.fault.partition;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.EnsembleView;
import dev.quorumchaos.history.MemberState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionShapesTest {

    private static final PartitionShapes THREE_LEADER_2 = PartitionShapes.of(3, OptionalInt.of(2));
    private static final PartitionShapes FIVE_LEADER_3 = PartitionShapes.of(5, OptionalInt.of(3));

    private static Set<DirectedLink> links(int... fromTo) {
        Set<DirectedLink> links = new TreeSet<>();
        for (int i = 0; i < fromTo.length; i += 2) {
            links.add(new DirectedLink(fromTo[i], fromTo[i + 1]));
        }
        return links;
    }

    @Test
    void isolatingTheLeaderCutsItBothWaysFromEveryone() {
        PartitionShape shape = THREE_LEADER_2.isolateLeader();

        assertThat(shape.description()).isEqualTo("isolate member 2 (leader) from 0, 1");
        assertThat(shape.cuts()).containsExactlyElementsOf(links(0, 2, 1, 2, 2, 0, 2, 1));
        assertThat(shape.sides()).containsExactly(Set.of(0, 1), Set.of(2));
        assertThat(shape.majoritySides()).containsExactly(Set.of(0, 1));
        assertThat(shape.stranded()).containsExactly(2);
        assertThat(shape.targets()).containsExactly(2);
    }

    @Test
    void isolatingAFollowerNamesNoLeaderInIt() {
        PartitionShape shape = FIVE_LEADER_3.isolate(0);

        assertThat(shape.description()).isEqualTo("isolate member 0 from 1, 2, 3 (leader), 4");
        assertThat(shape.stranded()).containsExactly(0);
        assertThat(shape.majoritySides()).containsExactly(Set.of(1, 2, 3, 4));
    }

    @Test
    void theLeaderTakenFromAViewIsTheOneOfTheNewestEpoch() {
        EnsembleView view = new EnsembleView(
                List.of(MemberState.LEADER, MemberState.FOLLOWER, MemberState.LEADER), List.of(1L, 2L, 2L));

        assertThat(PartitionShapes.of(view).isolateLeader().targets()).containsExactly(2);
    }

    @Test
    void isolatingTheLeaderWithoutOneIsAnError() {
        assertThatThrownBy(() -> PartitionShapes.of(3, OptionalInt.empty()).isolateLeader())
                .isInstanceOf(ChaosException.class).hasMessageContaining("no member of 3 leads");
    }

    @Test
    void theDefaultSplitPutsTheLeaderInTheLargestMinority() {
        PartitionShape shape = FIVE_LEADER_3.splitLeaderInMinority();

        assertThat(shape.description()).isEqualTo("split off minority 0, 3 (leader) from majority 1, 2, 4");
        assertThat(shape.sides()).containsExactly(Set.of(1, 2, 4), Set.of(0, 3));
        assertThat(shape.majoritySides()).containsExactly(Set.of(1, 2, 4));
        assertThat(shape.stranded()).containsExactly(0, 3);
        assertThat(shape.targets()).containsExactly(0, 3);
        assertThat(shape.cuts()).hasSize(2 * 2 * 3);
    }

    @Test
    void withThreeMembersTheDefaultSplitIsolatesTheLeader() {
        assertThat(THREE_LEADER_2.splitLeaderInMinority().cuts()).isEqualTo(THREE_LEADER_2.isolateLeader().cuts());
    }

    @Test
    void anExplicitSplitNamesWhichSideHoldsTheMajority() {
        PartitionShape shape = FIVE_LEADER_3.split(Set.of(1, 2, 4));

        assertThat(shape.description()).isEqualTo("split off minority 0, 3 (leader) from majority 1, 2, 4");
        assertThat(shape.targets()).containsExactly(0, 3);
    }

    @Test
    void anEvenSplitLeavesNoMajorityAndStrandsEveryone() {
        PartitionShape shape = PartitionShapes.of(4, OptionalInt.of(0)).split(Set.of(0, 1));

        assertThat(shape.description()).isEqualTo("split 0 (leader), 1 | 2, 3: no side has a majority");
        assertThat(shape.majoritySides()).isEmpty();
        assertThat(shape.stranded()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void aBridgeMakesTwoOverlappingMajorities() {
        PartitionShape shape = FIVE_LEADER_3.bridge();

        assertThat(shape.description()).isEqualTo("bridge 0, 3 (leader) | 1 | 2, 4: member 1 hears both halves");
        assertThat(shape.cuts()).isEqualTo(DirectedLink.between(List.of(0, 3), List.of(2, 4)));
        assertThat(shape.majoritySides()).containsExactly(Set.of(0, 1, 3), Set.of(1, 2, 4));
        assertThat(shape.stranded()).as("the bridge can lead everyone").isEmpty();
        assertThat(shape.targets()).containsExactly(1);
    }

    @Test
    void aBridgeOfThree() {
        PartitionShape shape = PartitionShapes.of(3, OptionalInt.of(0)).bridge();

        assertThat(shape.description()).isEqualTo("bridge 0 (leader) | 1 | 2: member 1 hears both halves");
        assertThat(shape.sides()).containsExactly(Set.of(0, 1), Set.of(1, 2));
    }

    @Test
    void anExplicitBridgeNeedsTwoHalves() {
        assertThatThrownBy(() -> FIVE_LEADER_3.bridge(1, Set.of(0, 2, 3, 4)))
                .isInstanceOf(ChaosException.class).hasMessageContaining("two non-empty halves");
        assertThatThrownBy(() -> FIVE_LEADER_3.bridge(1, Set.of(1, 2)))
                .isInstanceOf(ChaosException.class).hasMessageContaining("two non-empty halves");
    }

    @Test
    void aOneWayCutSilencesOneDirectionOnly() {
        PartitionShape shape = THREE_LEADER_2.oneWay(2, 0);

        assertThat(shape.description()).isEqualTo("one-way: 0 no longer hears 2 (leader), 2 (leader) still hears 0");
        assertThat(shape.cuts()).containsExactly(new DirectedLink(2, 0));
        assertThat(shape.hears(0, 2)).isFalse();
        assertThat(shape.hears(2, 0)).isTrue();
        assertThat(shape.connected(0, 2)).isFalse();
        assertThat(shape.sides()).containsExactly(Set.of(0, 1), Set.of(1, 2));
        assertThat(shape.stranded()).isEmpty();
    }

    @Test
    void healingCutsNothing() {
        PartitionShape shape = FIVE_LEADER_3.heal();

        assertThat(shape.cuts()).isEmpty();
        assertThat(shape.sides()).containsExactly(Set.of(0, 1, 2, 3, 4));
        assertThat(shape.stranded()).isEmpty();
    }

    @Test
    void aLeafOfAStarIsNotStrandedWhileItsHubLeadsAMajority() {
        // member 0 hears everyone; the others hear only 0
        Set<DirectedLink> cuts = DirectedLink.between(List.of(1, 2), List.of(3, 4));
        cuts.addAll(links(1, 2, 2, 1, 3, 4, 4, 3));
        PartitionShape star = new PartitionShape(5, "star around 0", cuts, List.of());

        assertThat(star.majoritySides()).isEmpty();
        assertThat(star.stranded()).isEmpty();
    }

    @Test
    void membersOutsideTheEnsembleAreBadInput() {
        assertThatThrownBy(() -> THREE_LEADER_2.isolate(3))
                .isInstanceOf(ChaosException.class).hasMessage("no member 3 in an ensemble of 3")
                .matches(e -> ((ChaosException) e).badInput());
        assertThatThrownBy(() -> THREE_LEADER_2.split(Set.of(0, 1, 2))).hasMessageContaining("both sides");
        assertThatThrownBy(() -> THREE_LEADER_2.oneWay(1, 1)).hasMessageContaining("two different members");
        assertThatThrownBy(() -> PartitionShapes.of(2, OptionalInt.of(0)).splitLeaderInMinority())
                .hasMessageContaining("no minority");
    }
}
