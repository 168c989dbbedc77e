package dev.quorumchaos.fault.node;

import dev.quorumchaos.fault.FaultKind;
import dev.quorumchaos.fault.FaultSite;

import java.util.List;
import java.util.Map;

/** {@code kind: cordon}: the node hosting a member is marked unschedulable ({@link CordonNode}). */
public final class CordonKind extends NodeKind {

    @Override
    public String name() {
        return "cordon";
    }

    @Override
    public List<String> fields() {
        return List.of("duration");
    }

    @Override
    public CordonNode build(FaultSite site, List<Integer> members, Map<String, String> options, String description) {
        return cordon(site, FaultKind.one(members, description));
    }

    public CordonNode cordon(FaultSite site, int member) {
        return nodesHosting(site, member).cordon(member);
    }
}
