package dev.quorumchaos.fault.kill;

import dev.quorumchaos.fault.Fault;
import dev.quorumchaos.fault.FaultKind;
import dev.quorumchaos.fault.FaultSite;

import java.util.List;
import java.util.Map;

/** {@code kind: kill}: SIGKILL of the members' servers ({@link KillMembers}); optional {@code duration} before they must run again. */
public final class KillKind implements FaultKind {

    static final String NAME = "kill";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> fields() {
        return List.of("duration");
    }

    @Override
    public boolean rolls() {
        return true;
    }

    @Override
    public Fault build(FaultSite site, List<Integer> members, Map<String, String> options, String description) {
        return new KillMembers(site.members(), members, description);
    }
}
