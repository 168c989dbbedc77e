package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.fault.partition.Partition;
import dev.quorumchaos.fault.partition.UpstreamServer;
import dev.quorumchaos.fault.partition.Wire;
import dev.quorumchaos.fault.partition.Received;
import dev.quorumchaos.fault.partition.DirectedLink;
import dev.quorumchaos.fault.partition.LinkBehaviour;
import dev.quorumchaos.fault.partition.PartitionShape;
import dev.quorumchaos.fault.partition.PartitionShapes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The fault contract; that cuts really hold bytes is {@link LinkMeshTest}'s part. */
class PartitionTest {

    private static final PartitionShapes SHAPES = PartitionShapes.of(3, OptionalInt.of(2));

    // nothing connects in these tests, so the upstream ports need not be listening
    private final LinkMesh mesh = LinkMesh.open(List.of(new MemberPorts(1, 2, 3), new MemberPorts(4, 5, 6),
            new MemberPorts(7, 8, 9)));

    @AfterEach
    void close() {
        mesh.close();
    }

    @Test
    void describesItselfByItsShape() {
        Partition partition = new Partition(mesh, SHAPES.isolateLeader());

        assertThat(partition.kind()).isEqualTo("partition");
        assertThat(partition.description()).isEqualTo("isolate member 2 (leader) from 0, 1");
        assertThat(partition.members()).containsExactly(2);
        assertThat(partition.selfHealing()).isFalse();
        assertThat(new Partition(mesh, SHAPES.isolateLeader(), LinkBehaviour.delay(Duration.ofMillis(200))).description())
                .isEqualTo("isolate member 2 (leader) from 0, 1 (links delay 200 ms)");
    }

    @Test
    void applyingTwiceCutsOnceAndOneRecoverHeals() {
        Partition partition = new Partition(mesh, SHAPES.isolateLeader());

        partition.apply();
        partition.apply();
        assertThat(mesh.impairedLinks()).containsOnlyKeys("0->2", "1->2", "2->0", "2->1")
                .containsValue(LinkBehaviour.blackhole());

        partition.recover();
        assertThat(mesh.impairedLinks()).isEmpty();
        partition.recover();
        assertThat(mesh.impairedLinks()).isEmpty();
    }

    @Test
    void recoverBeforeApplyIsANoOp() {
        new Partition(mesh, SHAPES.bridge()).recover();

        assertThat(mesh.impairedLinks()).isEmpty();
    }

    @Test
    void recoveringOnePartitionLeavesAnotherInPlace() {
        Partition oneWay = new Partition(mesh, SHAPES.oneWay(0, 1));
        Partition isolateLeader = new Partition(mesh, SHAPES.isolateLeader());
        oneWay.apply();
        isolateLeader.apply();

        isolateLeader.recover();

        assertThat(mesh.impairedLinks()).containsOnlyKeys("0->1");
    }

    @Test
    void recoveringOnceTheMeshIsGoneIsANoOp() {
        Partition partition = new Partition(mesh, SHAPES.isolateLeader());
        partition.apply();
        mesh.close();

        partition.recover();
        partition.recover();
    }
}
