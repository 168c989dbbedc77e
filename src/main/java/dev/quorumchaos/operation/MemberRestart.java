package dev.quorumchaos.operation;

import dev.quorumchaos.fault.Fault;

import java.util.List;

/**
 * One member's turn in a rolling operation: applying it is the graceful stop; the operation then
 * starts the member at {@code version}, waits for it to serve and recovers the window. It is
 * recorded as a fault window from the stop until the member serves again; {@link #recover()}
 * starts the member if it is still down, so a scenario that ends half-way leaves none stopped.
 */
record MemberRestart(MemberLifecycle lifecycle, int member, String version, String kind, String description)
        implements Fault {

    @Override
    public List<Integer> members() {
        return List.of(member);
    }

    @Override
    public void apply() {
        lifecycle.stop(member);
    }

    @Override
    public void recover() {
        if (!lifecycle.running(member)) {
            lifecycle.start(member, version);
        }
    }
}
