package dev.quorumchaos.check.consistency;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One sentence saying why a counterexample cannot be ordered, for the shapes that come up again
 * and again (a value never written, a read before its write, a value read after it was
 * overwritten, two CASes from one value); anything else gets the general statement. The
 * operations themselves are always listed, so the sentence only has to point at the conflict.
 */
final class CounterexampleExplanation {

    private CounterexampleExplanation() {
    }

    /** @param initial the register's value before any operation; null: absent */
    static String explain(String key, List<RegisterOp> ops, String initial) {
        return "on " + key + ", " + reason(ops, initial) + ": " + ops.stream().map(RegisterOp::describe).collect(Collectors.joining("; "));
    }

    private static String reason(List<RegisterOp> ops, String initial) {
        for (RegisterOp observer : ops) {
            if (!SearchProblem.observes(observer)) {
                continue;
            }
            String seen = SearchProblem.observed(observer);
            RegisterOp writer = writerOf(ops, seen);
            if (!Objects.equals(seen, initial) && writer == null) {
                return verb(observer) + seen + ", which no operation wrote";
            }
            if (writer != null && observer.ok() && observer.completionNanos() < writer.invokeNanos()) {
                return verb(observer) + seen + " before its write was invoked";
            }
            for (RegisterOp overwrite : ops) {
                if (overwrite.changesValue() && overwrite.ok() && overwrite != writer && overwrite != observer
                        && overwrite.completionNanos() < observer.invokeNanos()
                        && (writer == null || writer.ok() && writer.completionNanos() < overwrite.invokeNanos())) {
                    return verb(observer) + (seen == null ? "the key absent" : seen) + " although "
                            + overwrite.value() + " had replaced it and was acknowledged at "
                            + overwrite.completionNanos() / 1_000_000 + " ms";
                }
            }
            for (RegisterOp other : ops) {
                if (other != observer && other.isCas() && observer.isCas() && other.ok() && observer.ok()
                        && Objects.equals(other.expected(), seen)) {
                    if (seen == null && initial == null) {
                        return "two creates both succeeded, but the key was absent only before its first write"
                                + " and nothing deleted it";
                    }
                    return "two CASes both succeeded against " + seen + (Objects.equals(seen, initial)
                            ? ", the initial value, which nothing wrote again" : ", which was written once");
                }
            }
        }
        return "no order of these " + ops.size() + " operations respects both real time and the register";
    }

    private static String verb(RegisterOp observer) {
        return "process " + observer.process() + (observer.isRead() ? " read "
                : observer.isCreate() ? " created the key, finding " : " CAS succeeded against ");
    }

    private static RegisterOp writerOf(List<RegisterOp> ops, String value) {
        for (RegisterOp op : ops) {
            if (op.changesValue() && Objects.equals(op.value(), value)) {
                return op;
            }
        }
        return null;
    }
}
