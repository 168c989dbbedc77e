package dev.quorumchaos.operation;

import dev.quorumchaos.fault.Fault;

import java.util.List;

/**
 * One member's turn in a rolling operation: a graceful stop and a start at {@code version}. It is
 * recorded as a fault window from the stop until the member serves again, which the rolling
 * operation waits for and then recovers; {@link #recover()} starts the member if it is still
 * down, so a scenario that ends half-way leaves no member stopped.
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
        lifecycle.start(member, version);
    }

    @Override
    public void recover() {
        if (!lifecycle.running(member)) {
            lifecycle.start(member, version);
        }
    }
}
