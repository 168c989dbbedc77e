package dev.quorumchaos.fault.partition;

import dev.quorumchaos.fault.Fault;

import java.util.List;

/**
 * Cuts the links of a {@link PartitionShape} on an ensemble's {@link Links}; recover lifts exactly those
 * cuts, leaving other partitions in place. Both are idempotent, and recovering once the mesh is
 * closed (the ensemble is gone) is a no-op.
 */
public final class Partition implements Fault {

    private final Links mesh;
    private final PartitionShape shape;
    private final LinkBehaviour behaviour;
    private Links.Cut cut;

    /** Blackholes the links: the partition is noticed only by timeouts, as with iptables DROP. */
    public Partition(Links mesh, PartitionShape shape) {
        this(mesh, shape, LinkBehaviour.blackhole());
    }

    /** Cuts with {@code behaviour} instead: reset for a partition noticed at once, delay for a slow one. */
    public Partition(Links mesh, PartitionShape shape, LinkBehaviour behaviour) {
        this.mesh = mesh;
        this.shape = shape;
        this.behaviour = behaviour;
    }

    public PartitionShape shape() {
        return shape;
    }

    @Override
    public String kind() {
        return PartitionKind.NAME;
    }

    @Override
    public String description() {
        return behaviour.mode() == LinkBehaviour.Mode.BLACKHOLE
                ? shape.description() : shape.description() + " (links " + behaviour + ")";
    }

    @Override
    public List<Integer> members() {
        return shape.targets();
    }

    @Override
    public java.util.Set<dev.quorumchaos.history.FaultEvent.Link> cuts() {
        java.util.Set<dev.quorumchaos.history.FaultEvent.Link> links = new java.util.TreeSet<>(
                java.util.Comparator.comparingInt(dev.quorumchaos.history.FaultEvent.Link::from)
                        .thenComparingInt(dev.quorumchaos.history.FaultEvent.Link::to));
        shape.cuts().forEach(l -> links.add(new dev.quorumchaos.history.FaultEvent.Link(l.from(), l.to())));
        return links;
    }

    @Override
    public synchronized void apply() {
        if (cut == null) {
            cut = mesh.cut(shape.cuts(), behaviour);
        }
    }

    @Override
    public synchronized void recover() {
        if (cut != null) {
            cut.heal();
            cut = null;
        }
    }
}
