package dev.quorumchaos.check.consistency;

import dev.quorumchaos.history.Operation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs each invocation with its completion by process. A process has at most one open operation:
 * an invocation that is never completed, or is followed by another invocation of the same
 * process, counts as INFO, since it may still have taken effect.
 */
final class OperationPairing {

    /** The paired operations in invocation order, and what did not fit the rules. */
    record Paired(List<RegisterOp> operations, int completionsWithoutInvoke, int invokesLeftOpen) {

        /** Operations grouped by key, keys in order of first appearance. */
        Map<String, List<RegisterOp>> byKey() {
            Map<String, List<RegisterOp>> keys = new LinkedHashMap<>();
            for (RegisterOp op : operations) {
                keys.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
            }
            return keys;
        }

        /** Completions the history has no invocation for; null when none, so evidence shows none. */
        Integer orphanCompletions() {
            return completionsWithoutInvoke > 0 ? completionsWithoutInvoke : null;
        }

        /** Invocations never completed; null when none. */
        Integer neverCompleted() {
            return invokesLeftOpen > 0 ? invokesLeftOpen : null;
        }
    }

    private OperationPairing() {
    }

    static Paired pair(List<Operation> history) {
        Map<Integer, Operation> open = new HashMap<>();
        List<RegisterOp> paired = new ArrayList<>();
        int orphans = 0;
        int leftOpen = 0;
        for (Operation op : history) {
            if (op.isInvoke()) {
                Operation previous = open.put(op.process(), op);
                if (previous != null) {
                    paired.add(unfinished(previous));
                    leftOpen++;
                }
            } else {
                Operation invoke = open.remove(op.process());
                if (invoke == null) {
                    orphans++;
                } else {
                    paired.add(completed(invoke, op));
                }
            }
        }
        for (Operation invoke : open.values()) {
            paired.add(unfinished(invoke));
            leftOpen++;
        }
        paired.sort(java.util.Comparator.comparingLong(RegisterOp::invokeNanos).thenComparingLong(RegisterOp::index));
        return new Paired(List.copyOf(paired), orphans, leftOpen);
    }

    private static RegisterOp completed(Operation invoke, Operation completion) {
        String value = invoke.f() == Operation.Fn.READ ? completion.value() : invoke.value();
        return new RegisterOp(invoke.index(), invoke.process(), invoke.f(), invoke.key(), value, invoke.expected(),
                completion.type(), invoke.member(), invoke.timeNanos(), completion.timeNanos());
    }

    private static RegisterOp unfinished(Operation invoke) {
        String value = invoke.f() == Operation.Fn.READ ? null : invoke.value();
        return new RegisterOp(invoke.index(), invoke.process(), invoke.f(), invoke.key(), value, invoke.expected(),
                Operation.Type.INFO, invoke.member(), invoke.timeNanos(), RegisterOp.NEVER_COMPLETED);
    }
}
