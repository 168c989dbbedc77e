package dev.quorumchaos.fault.partition;

import dev.quorumchaos.fault.Fault;
import dev.quorumchaos.history.FaultEvent;

import java.util.List;
import java.util.Set;

/**
 * A partition fault with the shape it cuts, whichever platform cuts the links: the scenario keeps
 * the shape to know whom the partition strands (the minority check).
 */
public record ShapedPartition(PartitionShape shape, Fault cut) implements Fault {

    @Override
    public String kind() {
        return cut.kind();
    }

    @Override
    public String description() {
        return cut.description();
    }

    @Override
    public List<Integer> members() {
        return cut.members();
    }

    @Override
    public void apply() {
        cut.apply();
    }

    @Override
    public void recover() {
        cut.recover();
    }

    @Override
    public Set<FaultEvent.Link> cuts() {
        return cut.cuts();
    }

    @Override
    public boolean selfHealing() {
        return cut.selfHealing();
    }
}
