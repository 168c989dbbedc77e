package dev.quorumchaos.check.consistency;

import dev.quorumchaos.check.OperationEvidence;
import dev.quorumchaos.history.Operation;

/**
 * One operation on one key with its invocation and completion paired: the unit both checks
 * reason about. An operation whose client never reported back has outcome INFO and no completion.
 *
 * @param index            the invocation's index in the history, which identifies the operation
 * @param value            the value written, or the value an ok read returned (null: absent)
 * @param completionNanos  when the client learned the outcome, or {@link #NEVER_COMPLETED}
 */
record RegisterOp(long index, int process, Operation.Fn f, String key, String value, String expected,
                  Operation.Type outcome, int member, long invokeNanos, long completionNanos) {

    static final long NEVER_COMPLETED = -1;

    boolean ok() {
        return outcome == Operation.Type.OK;
    }

    boolean info() {
        return outcome == Operation.Type.INFO;
    }

    boolean isRead() {
        return f == Operation.Fn.READ;
    }

    boolean isCas() {
        return f == Operation.Fn.CAS;
    }

    /** A compare-and-set from absent: ZooKeeper's {@code create}, which succeeds only on a missing znode. */
    boolean isCreate() {
        return f == Operation.Fn.CAS && expected == null;
    }

    /** Writes and compare-and-sets change the register; reads do not. */
    boolean changesValue() {
        return f != Operation.Fn.READ;
    }

    /** The latest moment it can have taken effect: its completion if ok, unbounded otherwise. */
    long effectDeadline() {
        return ok() ? completionNanos : Long.MAX_VALUE;
    }

    /** The operation as plain data, in the units a person reads (milliseconds since the history began). */
    OperationEvidence evidence() {
        return new OperationEvidence(index, process, f.name().toLowerCase(java.util.Locale.ROOT), key,
                isCas() ? expected : null, value, outcome.name().toLowerCase(java.util.Locale.ROOT),
                invokeNanos / 1_000_000, completionNanos == NEVER_COMPLETED ? null : completionNanos / 1_000_000, member);
    }

    /** A one-line description for summaries, e.g. {@code process 3 write /k=v7 [120..135 ms]}. */
    String describe() {
        String what = switch (f) {
            case READ -> "read " + key + " -> " + value;
            case WRITE -> "write " + key + "=" + value;
            case CAS -> isCreate() ? "create " + key + "=" + value : "cas " + key + " " + expected + "->" + value;
        };
        String end = completionNanos == NEVER_COMPLETED ? "?" : String.valueOf(completionNanos / 1_000_000);
        String status = ok() ? "" : " (" + outcome.name().toLowerCase(java.util.Locale.ROOT) + ")";
        return "process " + process + " " + what + status + " [" + invokeNanos / 1_000_000 + ".." + end + " ms]";
    }
}
