package dev.quorumchaos.check.consistency;

import dev.quorumchaos.check.Verdict;
import dev.quorumchaos.history.Operation;

import java.util.ArrayList;
import java.util.List;

/**
 * The consistency checks of a register history, under what the service behind it promises: the
 * registers' starting value, what a read of {@code nil} means, and whether reads are linearizable.
 *
 * @param initial           every register's value before any operation; null: absent
 * @param nilReadsUnknown   a read that returned {@code nil} says nothing (Knossos's reading); otherwise
 *                          it says the register was absent (ZooKeeper's and etcd's)
 * @param readsLinearizable reads are judged for linearizability with the writes (etcd, Knossos's
 *                          models); otherwise the writes alone, and reads by the session-order check
 *                          (ZooKeeper, whose reads may be served stale by a lagging member)
 */
public record RegisterChecks(String initial, boolean nilReadsUnknown, boolean readsLinearizable) {

    /** ZooKeeper's promises: registers start absent, a nil read means absent, reads are not linearizable. */
    public static final RegisterChecks ZOOKEEPER = new RegisterChecks(null, false, false);

    /**
     * Linearizability, and session order when reads are not judged by it: linearizable reads
     * already imply that no session saw time go backwards.
     */
    public List<Verdict> check(List<Operation> history) {
        List<Operation> ops = nilReadsUnknown ? nilReadsAsUnknown(history) : history;
        LinearizabilityCheck linearizability = new LinearizabilityCheck().startingAt(initial);
        List<Verdict> verdicts = new ArrayList<>();
        verdicts.add(readsLinearizable ? linearizability.check(ops) : linearizability.ignoringReads().check(ops));
        if (!readsLinearizable) {
            verdicts.add(new SessionOrderCheck().startingAt(initial).check(ops));
        }
        return verdicts;
    }

    /** An ok read of nil becomes a read of unknown outcome, which constrains nothing. */
    static List<Operation> nilReadsAsUnknown(List<Operation> history) {
        List<Operation> ops = new ArrayList<>(history.size());
        for (Operation op : history) {
            boolean nilRead = op.f() == Operation.Fn.READ && op.type() == Operation.Type.OK && op.value() == null;
            ops.add(nilRead ? new Operation(op.index(), op.process(), Operation.Type.INFO, op.f(), op.key(), null,
                    op.expected(), op.member(), op.timeNanos(), "read nil, taken as unknown") : op);
        }
        return ops;
    }
}
