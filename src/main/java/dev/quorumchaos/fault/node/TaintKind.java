package dev.quorumchaos.fault.node;

import dev.quorumchaos.fault.FaultKind;
import dev.quorumchaos.fault.FaultSite;
import dev.quorumchaos.fault.KindFields;

import java.util.List;
import java.util.Map;

/** {@code kind: taint}: a taint on the node hosting a member ({@link TaintNode}), {@code taint: key=value:Effect}. */
public final class TaintKind extends NodeKind {

    @Override
    public String name() {
        return "taint";
    }

    @Override
    public List<String> fields() {
        return List.of("taint", "duration");
    }

    @Override
    public Map<String, String> options(KindFields fields) {
        String taint = fields.string("taint");
        if (!taint.matches("[A-Za-z0-9./_-]+(=[A-Za-z0-9._-]*)?:(NoSchedule|PreferNoSchedule|NoExecute)")) {
            throw fields.error("taint", "a taint is key=value:Effect with Effect NoSchedule, PreferNoSchedule"
                    + " or NoExecute, e.g. 'chaos=true:NoExecute', not '" + taint + "'");
        }
        return Map.of("taint", taint);
    }

    @Override
    public String describe(String target, Map<String, String> options) {
        return name() + " " + target + " with " + options.get("taint");
    }

    @Override
    public TaintNode build(FaultSite site, List<Integer> members, Map<String, String> options, String description) {
        return taint(site, FaultKind.one(members, description), options.get("taint"));
    }

    /** @param taint as kubectl writes it, e.g. {@code chaos=true:NoExecute} */
    public TaintNode taint(FaultSite site, int member, String taint) {
        NodeFaults nodes = nodesHosting(site, member);
        NodeTaint parsed = NodeTaint.parse(taint);
        if (parsed.controllerOwned()) {
            site.say("warning: " + parsed.key() + " is a taint key the node controllers own: they may remove the"
                    + " taint, or add it themselves, while the fault holds; recovery removes only the taint the"
                    + " harness added");
        }
        return nodes.taint(member, taint);
    }
}
