package dev.quorumchaos.fault.node;

import dev.quorumchaos.fault.FaultKind;
import dev.quorumchaos.fault.FaultSite;

import java.util.List;
import java.util.Map;

/** {@code kind: drain}: the node hosting a member is cordoned and its pods evicted ({@link DrainNode}), as kubectl drains. */
public final class DrainKind extends NodeKind {

    @Override
    public String name() {
        return "drain";
    }

    @Override
    public List<String> fields() {
        return List.of("duration");
    }

    @Override
    public DrainNode build(FaultSite site, List<Integer> members, Map<String, String> options, String description) {
        return drain(site, FaultKind.one(members, description), DrainOptions.defaults());
    }

    public DrainNode drain(FaultSite site, int member, DrainOptions options) {
        return nodesHosting(site, member).drain(member, options);
    }
}
