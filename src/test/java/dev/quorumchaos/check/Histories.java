package dev.quorumchaos.check;

import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberState;
import dev.quorumchaos.history.MemberStateChange;
import dev.quorumchaos.history.Operation;

import java.util.List;

/** Hand-written histories, Jepsen style: times in milliseconds, written as the test reads. */
final class Histories {

    private final History history = new History();
    private long index;

    static Histories history() {
        return new Histories();
    }

    Histories state(long ms, int member, MemberState state) {
        return state(ms, member, state, 1);
    }

    Histories state(long ms, int member, MemberState state, long epoch) {
        history.recordState(new MemberStateChange(member, state, state.serving() ? epoch : -1, ms * 1_000_000, null));
        return this;
    }

    /** Three members up at 100 ms, member 2 leading. */
    Histories threeMembersUp() {
        return state(100, 0, MemberState.FOLLOWER).state(100, 1, MemberState.FOLLOWER).state(100, 2, MemberState.LEADER);
    }


    Histories fault(long ms, String description, FaultEvent.Phase phase, Integer... members) {
        history.recordFault(new FaultEvent("f-" + description, "kill", description, phase, List.of(members),
                ms * 1_000_000, null, null));
        return this;
    }

    /**
     * A partition applied or healed: the directed links it cut, each as {from, to}. The recovery
     * carries the cuts too, as the fault injector records it.
     */
    Histories partition(long ms, String description, FaultEvent.Phase phase, int[]... cuts) {
        java.util.Set<FaultEvent.Link> links = new java.util.HashSet<>();
        for (int[] cut : cuts) {
            links.add(new FaultEvent.Link(cut[0], cut[1]));
        }
        history.recordFault(new FaultEvent("f-" + description, "partition", description, phase, List.of(),
                ms * 1_000_000, null, links));
        return this;
    }

    Histories write(int process, String key, long invokeMs, long completeMs, Operation.Type outcome) {
        history.append(new Operation(index++, process, Operation.Type.INVOKE, Operation.Fn.WRITE, key, key, null, 0,
                invokeMs * 1_000_000, null));
        history.append(new Operation(index++, process, outcome, Operation.Fn.WRITE, key, key, null, 0,
                completeMs * 1_000_000, outcome == Operation.Type.OK ? null : "CONNECTIONLOSS"));
        return this;
    }

    Histories invokedOnly(int process, String key, long invokeMs) {
        history.append(new Operation(index++, process, Operation.Type.INVOKE, Operation.Fn.WRITE, key, key, null, 0,
                invokeMs * 1_000_000, null));
        return this;
    }

    /** The service changed its membership from {@code from} to {@code to} members at {@code ms}. */
    Histories membership(long ms, int from, int to) {
        history.recordMembership(new dev.quorumchaos.history.MembershipChange(ms * 1_000_000, from, to, "test"));
        return this;
    }

    /** Every member served by {@code ms}: the scenario starts there. */
    Histories ready(long ms) {
        history.markReady(ms * 1_000_000);
        return this;
    }

    History build() {
        return history;
    }

    static long ms(long ms) {
        return ms * 1_000_000;
    }
}
