package dev.quorumchaos.fault.kinds;

import dev.quorumchaos.fault.FaultKind;
import dev.quorumchaos.fault.kill.KillKind;
import dev.quorumchaos.fault.node.CordonKind;
import dev.quorumchaos.fault.node.DrainKind;
import dev.quorumchaos.fault.node.TaintKind;
import dev.quorumchaos.fault.nodeloss.NodeLossKind;
import dev.quorumchaos.fault.partition.PartitionKind;
import dev.quorumchaos.fault.pause.PauseKind;
import dev.quorumchaos.fault.pod.PodDeleteKind;
import dev.quorumchaos.fault.scale.ScaleKind;
import dev.quorumchaos.fault.volume.VolumeLossKind;
import dev.quorumchaos.operation.RollingKind;

import java.util.List;
import java.util.Optional;

/**
 * Every fault kind a fault file may name, in the order messages list them. A new kind is a
 * package of its own with a {@link FaultKind} beside its fault, and one line here. The registry
 * sits in a package of its own that no kind imports, so kinds and registry form no cycle.
 */
public final class FaultKinds {

    public static final TaintKind TAINT = new TaintKind();
    public static final CordonKind CORDON = new CordonKind();
    public static final DrainKind DRAIN = new DrainKind();
    public static final NodeLossKind NODE_LOSS = new NodeLossKind();

    public static final List<FaultKind> ALL = List.of(
            new KillKind(),
            new PauseKind(),
            new VolumeLossKind(),
            new PodDeleteKind(),
            TAINT,
            CORDON,
            DRAIN,
            NODE_LOSS,
            new PartitionKind(),
            new ScaleKind(),
            RollingKind.upgrade(),
            RollingKind.restart());

    private FaultKinds() {
    }

    public static Optional<FaultKind> find(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(FaultKind::name).toList();
    }
}
