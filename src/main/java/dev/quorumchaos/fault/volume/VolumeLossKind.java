package dev.quorumchaos.fault.volume;

import dev.quorumchaos.fault.Fault;
import dev.quorumchaos.fault.FaultKind;
import dev.quorumchaos.fault.FaultSite;

import java.util.List;
import java.util.Map;

/** {@code kind: volume-loss}: one member's data directory is gone ({@link LoseVolume}). */
public final class VolumeLossKind implements FaultKind {

    static final String NAME = "volume-loss";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> fields() {
        return List.of();
    }

    @Override
    public boolean rolls() {
        return true;
    }

    @Override
    public Fault build(FaultSite site, List<Integer> members, Map<String, String> options, String description) {
        return new LoseVolume(site.members(), FaultKind.one(members, description), description);
    }
}
