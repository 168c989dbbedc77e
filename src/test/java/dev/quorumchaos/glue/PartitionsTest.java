package dev.quorumchaos.glue;

import dev.quorumchaos.fault.partition.PartitionShape;
import dev.quorumchaos.fault.partition.PartitionShapes;
import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The scenario's partition ledger, judged from a hand-written history: whom a partition strands, and when. */
class PartitionsTest {

    private final ScenarioClock clock = new ScenarioClock();
    private final Partitions partitions = new Partitions(clock);

    private void record(String id, PartitionShape shape, FaultEvent.Phase phase) {
        History history = clock.history();
        history.recordFault(new FaultEvent(id, "partition", shape.description(), phase, shape.targets(), history.now(),
                null, Set.of()));
    }

    @Test
    void aPartitionStrandsItsMinorityWhileItHoldsAndItsWindowEndsWhenItHeals() {
        PartitionShape isolated = PartitionShapes.of(3, OptionalInt.of(0)).isolate(2);
        partitions.record("partition-1", isolated);

        record("partition-1", isolated, FaultEvent.Phase.APPLY);
        assertThat(partitions.strandedMembers()).containsExactly(2);

        record("partition-1", isolated, FaultEvent.Phase.RECOVER);
        assertThat(partitions.strandedMembers()).isEmpty();
        assertThat(partitions.windows()).singleElement().satisfies(window -> {
            assertThat(window.minority()).containsExactly(2);
            assertThat(window.toNanos()).isGreaterThanOrEqualTo(window.fromNanos());
            assertThat(window.description()).isEqualTo(isolated.description());
        });
    }

    @Test
    void aPartitionNeverAppliedHasNoWindowAndStrandsNobody() {
        partitions.record("partition-1", PartitionShapes.of(5, OptionalInt.of(0)).splitLeaderInMinority());

        assertThat(partitions.strandedMembers()).isEmpty();
        assertThat(partitions.windows()).isEmpty();
        assertThat(partitions.ids()).containsExactly("partition-1");
    }
}
