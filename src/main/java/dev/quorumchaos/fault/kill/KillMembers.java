package dev.quorumchaos.fault.kill;

import dev.quorumchaos.ensemble.MemberControl;
import dev.quorumchaos.fault.Fault;

import java.util.List;

/** SIGKILL of each member's server process, a crash. The target brings the members back on its own. */
public record KillMembers(MemberControl control, List<Integer> members, String description) implements Fault {

    @Override
    public String kind() {
        return KillKind.NAME;
    }

    @Override
    public void apply() {
        members.forEach(control::kill);
    }

    @Override
    public void recover() {
        members.forEach(control::ensureRunning);
    }

    @Override
    public boolean selfHealing() {
        return true;
    }
}
