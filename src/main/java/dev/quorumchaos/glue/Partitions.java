package dev.quorumchaos.glue;

import dev.quorumchaos.check.MinorityWritesCheck;
import dev.quorumchaos.fault.partition.PartitionShape;
import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The partitions applied in this scenario, by fault id, with their shapes: whom they strand, and when. */
public final class Partitions {

    private final History history;
    private final Map<String, PartitionShape> shapes = new LinkedHashMap<>();

    public Partitions(ScenarioClock clock) {
        this.history = clock.history();
    }

    void record(String faultId, PartitionShape shape) {
        shapes.put(faultId, shape);
    }

    List<String> ids() {
        return List.copyOf(shapes.keySet());
    }

    /** Members cut off from every majority by a partition still in place. */
    public Set<Integer> strandedMembers() {
        Set<String> active = new HashSet<>();
        for (FaultEvent e : history.faultEvents()) {
            if (e.phase() == FaultEvent.Phase.APPLY) {
                active.add(e.faultId());
            } else {
                active.remove(e.faultId());
            }
        }
        Set<Integer> stranded = new TreeSet<>();
        shapes.forEach((id, shape) -> {
            if (active.contains(id)) {
                stranded.addAll(shape.stranded());
            }
        });
        return stranded;
    }

    /** Each partition's window (to now while it holds) and the members it stranded. */
    public List<MinorityWritesCheck.Window> windows() {
        List<MinorityWritesCheck.Window> windows = new ArrayList<>();
        shapes.forEach((id, shape) -> MinorityWritesCheck.Window
                .of(history.faultEvents(), id, shape.description(), shape.stranded(), history.now())
                .ifPresent(windows::add));
        return windows;
    }
}
