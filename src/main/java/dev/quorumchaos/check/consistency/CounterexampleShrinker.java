package dev.quorumchaos.check.consistency;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts a key's non-linearizable operations down to a few that still cannot be ordered, by delta
 * debugging. With every value written once, a subset of a linearizable history is linearizable
 * as long as it keeps the write of every value its operations observe (drop the others from the
 * linearization and every read still follows its own write). So removing an op, together with
 * everything that observed its value, and finding the rest still not linearizable proves the
 * smaller set is a counterexample on its own.
 */
final class CounterexampleShrinker {

    /** @param minimal false when the time for shrinking ran out before every op was tried */
    record Counterexample(List<RegisterOp> operations, boolean minimal) {
    }

    private final SearchBudget budgetPerAttempt;
    private final long shrinkDeadlineNanos;
    private final String initial;

    /** @param initial the register's value before any operation; null: absent */
    CounterexampleShrinker(SearchBudget budgetPerAttempt, java.time.Duration timeToShrink, String initial) {
        this.budgetPerAttempt = budgetPerAttempt;
        this.initial = initial;
        this.shrinkDeadlineNanos = System.nanoTime() + timeToShrink.toNanos();
    }

    /**
     * @param ops     one key's ops that may have happened (ok and INFO), values written once
     * @param culprit the op whose completion the full search could not get past
     * @param stuckAt that completion's time: the violation lies around it
     */
    Counterexample shrink(List<RegisterOp> ops, RegisterOp culprit, long stuckAt) {
        List<RegisterOp> window = failingWindow(ops, culprit, stuckAt);
        List<RegisterOp> current = window == null ? ops : window;
        int chunks = 2;
        while (current.size() > 1) {
            if (outOfTime()) {
                return new Counterexample(current, false);
            }
            List<RegisterOp> smaller = firstFailingComplement(current, chunks);
            if (smaller != null) {
                current = smaller;
                chunks = Math.max(chunks - 1, 2);
            } else if (chunks >= current.size()) {
                break;
            } else {
                chunks = Math.min(current.size(), 2 * chunks);
            }
        }
        return new Counterexample(current, true);
    }

    /**
     * A violation is usually a few milliseconds of history: look around where the search got stuck
     * with a window that doubles until the ops in it (and the writes they observed) fail. That
     * costs about twice the final window, where searching a whole prefix costs the history. The
     * window reaches forward too: a write's gate is set by readers invoked after it completed.
     * Null when no window short of all the ops fails in the time given.
     */
    List<RegisterOp> failingWindow(List<RegisterOp> ops, RegisterOp culprit, long stuckAt) {
        long earliest = ops.stream().mapToLong(RegisterOp::invokeNanos).min().orElse(stuckAt);
        long latest = ops.stream().mapToLong(RegisterOp::invokeNanos).max().orElse(stuckAt);
        long width = Math.max(1, stuckAt - culprit.invokeNanos());
        while (!outOfTime() && (stuckAt - width > earliest || stuckAt + width < latest)) {
            List<RegisterOp> window = invokedBetween(ops, stuckAt - width, stuckAt + width);
            if (fails(window)) {
                return window;
            }
            width = width > Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 2 : width * 2;
        }
        return null;
    }

    /** Ops invoked from {@code from} to {@code to}, plus the writes of every value they observed. */
    private static List<RegisterOp> invokedBetween(List<RegisterOp> ops, long from, long to) {
        Map<String, RegisterOp> writerOf = writers(ops);
        Set<Long> chosen = new HashSet<>();
        ArrayDeque<RegisterOp> toAdd = new ArrayDeque<>();
        for (RegisterOp op : ops) {
            if (op.invokeNanos() >= from && op.invokeNanos() <= to) {
                toAdd.add(op);
            }
        }
        while (!toAdd.isEmpty()) {
            RegisterOp op = toAdd.poll();
            if (chosen.add(op.index()) && SearchProblem.observes(op)) {
                RegisterOp writer = writerOf.get(SearchProblem.observed(op));
                if (writer != null) {
                    toAdd.add(writer);
                }
            }
        }
        return ops.stream().filter(op -> chosen.contains(op.index())).toList();
    }

    private List<RegisterOp> firstFailingComplement(List<RegisterOp> current, int chunks) {
        int size = current.size();
        for (int c = 0; c < chunks; c++) {
            if (outOfTime()) {
                return null;
            }
            List<RegisterOp> chunk = current.subList(c * size / chunks, (c + 1) * size / chunks);
            List<RegisterOp> rest = withoutAndObservers(current, chunk);
            if (!rest.isEmpty() && rest.size() < size && fails(rest)) {
                return rest;
            }
        }
        return null;
    }

    /** {@code ops} without {@code removed} and without every op that observed a removed value, transitively. */
    private static List<RegisterOp> withoutAndObservers(List<RegisterOp> ops, List<RegisterOp> removed) {
        Map<String, List<RegisterOp>> observersOf = new HashMap<>();
        for (RegisterOp op : ops) {
            if (SearchProblem.observes(op)) {
                observersOf.computeIfAbsent(SearchProblem.observed(op), v -> new ArrayList<>()).add(op);
            }
        }
        Set<Long> gone = new HashSet<>();
        ArrayDeque<RegisterOp> toRemove = new ArrayDeque<>(removed);
        while (!toRemove.isEmpty()) {
            RegisterOp op = toRemove.poll();
            if (gone.add(op.index()) && op.changesValue()) {
                toRemove.addAll(observersOf.getOrDefault(op.value(), List.of()));
            }
        }
        return ops.stream().filter(op -> !gone.contains(op.index())).toList();
    }

    private static Map<String, RegisterOp> writers(List<RegisterOp> ops) {
        Map<String, RegisterOp> writerOf = new HashMap<>();
        for (RegisterOp op : ops) {
            if (op.changesValue()) {
                writerOf.put(op.value(), op);
            }
        }
        return writerOf;
    }

    private boolean fails(List<RegisterOp> ops) {
        return RegisterSearch.run(SearchProblem.of(ops, initial), budgetPerAttempt).result()
                == RegisterSearch.Result.NOT_LINEARIZABLE;
    }

    private boolean outOfTime() {
        return System.nanoTime() > shrinkDeadlineNanos;
    }
}
