package dev.quorumchaos.fault.pause;

import dev.quorumchaos.fault.Fault;
import dev.quorumchaos.fault.FaultKind;
import dev.quorumchaos.fault.FaultSite;

import java.util.List;
import java.util.Map;

/** {@code kind: pause}: SIGSTOP of one member ({@link PauseMember}) for the {@code duration} it needs. */
public final class PauseKind implements FaultKind {

    static final String NAME = "pause";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> fields() {
        return List.of("duration");
    }

    @Override
    public boolean needsDuration() {
        return true;
    }

    @Override
    public boolean rolls() {
        return true;
    }

    @Override
    public Fault build(FaultSite site, List<Integer> members, Map<String, String> options, String description) {
        return new PauseMember(site.members(), FaultKind.one(members, description), description);
    }
}
