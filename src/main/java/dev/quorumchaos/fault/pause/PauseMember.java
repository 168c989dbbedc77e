package dev.quorumchaos.fault.pause;

import dev.quorumchaos.ensemble.MemberControl;
import dev.quorumchaos.fault.Fault;

import java.util.List;

/** SIGSTOP, then SIGCONT on recover: the member keeps its sockets but answers nothing meanwhile. */
public record PauseMember(MemberControl control, int member, String description) implements Fault {

    @Override
    public String kind() {
        return PauseKind.NAME;
    }

    @Override
    public List<Integer> members() {
        return List.of(member);
    }

    @Override
    public void apply() {
        control.pause(member);
    }

    @Override
    public void recover() {
        control.resume(member);
    }
}
