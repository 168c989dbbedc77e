package dev.quorumchaos.fault.volume;

import dev.quorumchaos.ensemble.MemberControl;
import dev.quorumchaos.fault.Fault;

import java.util.List;

/** The member's disk is gone: it stops, and comes back on its own with an empty data dir. */
public record LoseVolume(MemberControl control, int member, String description) implements Fault {

    @Override
    public String kind() {
        return VolumeLossKind.NAME;
    }

    @Override
    public List<Integer> members() {
        return List.of(member);
    }

    @Override
    public void apply() {
        control.loseVolume(member);
    }

    @Override
    public void recover() {
        control.ensureRunning(member);
    }

    @Override
    public boolean selfHealing() {
        return true;
    }
}
