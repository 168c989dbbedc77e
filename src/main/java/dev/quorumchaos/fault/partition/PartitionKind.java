package dev.quorumchaos.fault.partition;

import dev.quorumchaos.fault.Fault;
import dev.quorumchaos.fault.FaultKind;
import dev.quorumchaos.fault.FaultSite;
import dev.quorumchaos.fault.KindFields;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kind: partition}: links cut as a {@link PartitionShape} says ({@code shape: isolate} with a
 * target, or {@code split} / {@code bridge}, whose sides are chosen from the leader); needs an
 * ensemble that is {@link Partitionable}.
 */
public final class PartitionKind implements FaultKind {

    static final String NAME = "partition";
    private static final List<String> SHAPES = List.of("isolate", "split", "bridge");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> fields() {
        return List.of("shape", "duration");
    }

    /** Only an isolation names whom it cuts off; the other shapes pick their sides from the leader. */
    @Override
    public boolean needsTarget(KindFields fields) {
        return shape(fields).equals("isolate");
    }

    @Override
    public Map<String, String> options(KindFields fields) {
        return Map.of("shape", shape(fields));
    }

    private static String shape(KindFields fields) {
        String shape = fields.string("shape", "isolate");
        if (!SHAPES.contains(shape)) {
            throw fields.error("shape", "unknown partition shape '" + shape + "'; expected one of: "
                    + String.join(", ", SHAPES));
        }
        return shape;
    }

    @Override
    public String describe(String target, Map<String, String> options) {
        return target == null ? name() + " (" + options.get("shape") + ", leader in the minority)"
                : name() + " " + target + " (" + options.get("shape") + ")";
    }

    @Override
    public ShapedPartition build(FaultSite site, List<Integer> members, Map<String, String> options,
                                 String description) {
        PartitionShapes shapes = PartitionShapes.of(site.refresh());
        PartitionShape shape = switch (options.get("shape")) {
            case "split" -> shapes.splitLeaderInMinority();
            case "bridge" -> shapes.bridge();
            default -> shapes.isolate(members.get(0));
        };
        return cut(site, shape, LinkBehaviour.blackhole());
    }

    /** The fault that makes the links of {@code shape} behave so; skips where the ensemble has no such links. */
    public static ShapedPartition cut(FaultSite site, PartitionShape shape, LinkBehaviour behaviour) {
        Partitionable links = site.capability(Partitionable.class).orElseThrow(() -> site.skip(shape.description()
                + " needs links to cut; this ensemble on the " + site.targetName() + " target has none"));
        Optional<String> cannot = links.cannot(behaviour);
        if (cannot.isPresent()) {
            throw site.skip(cannot.get());
        }
        return new ShapedPartition(shape, links.partition(shape, behaviour));
    }
}
