package dev.quorumchaos.check.consistency;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

/**
 * Wing and Gong's search as Lowe improved it, for one register: walk the invocations and
 * completions in time order, linearize an invoked operation whenever the register allows it,
 * and backtrack when a completion is reached whose operation could not be placed. Configurations
 * already explored (linearized set, value) are memoized, so each is explored once.
 * <p>
 * Two prunings keep valid histories close to linear time: writes wait for their gate (see
 * {@link SearchProblem}), and a read, which leaves the value as it is, never needs a second try:
 * if linearizing a read that is possible now leads nowhere, nothing else from here does either,
 * because any way forward could have placed that read first.
 */
final class RegisterSearch {

    enum Result { LINEARIZABLE, NOT_LINEARIZABLE, TOO_HARD }

    /**
     * @param culprit        when not linearizable (or too hard, if it got that far): the op with the
     *                       latest completion that the search reached and could not get past
     * @param stuckAt        the culprit's deadline, in nanoseconds (its completion when ok)
     * @param configurations distinct configurations explored
     * @param exhausted      when too hard: which limit of the budget was reached
     */
    record Outcome(Result result, RegisterOp culprit, long stuckAt, long configurations, String exhausted) {
    }

    private static final int END = -1;
    private static final int TIME_CHECK_INTERVAL = 4096;

    private final SearchProblem problem;
    private final SearchBudget budget;
    private final int head;
    private final int[] next;
    private final int[] prev;
    private final long[] zobristLow;
    private final long[] zobristHigh;
    /** Counts linearized ops by deadline rank, for the gates. */
    private final int[] linearizedByDeadline;

    RegisterSearch(SearchProblem problem, SearchBudget budget) {
        this.problem = problem;
        this.budget = budget;
        int n = problem.size();
        head = 2 * n;
        next = new int[2 * n + 1];
        prev = new int[2 * n + 1];
        linkEntriesInTimeOrder(n);
        SplittableRandom random = new SplittableRandom(0x5EED_C0FFEEL);
        zobristLow = new long[n];
        zobristHigh = new long[n];
        for (int i = 0; i < n; i++) {
            zobristLow[i] = random.nextLong();
            zobristHigh[i] = random.nextLong();
        }
        linearizedByDeadline = new int[n + 1];
    }

    static Outcome run(SearchProblem problem, SearchBudget budget) {
        return new RegisterSearch(problem, budget).run();
    }

    /** Entry 2i is op i's invocation, 2i+1 its completion; at equal times invocations come first, so such ops overlap. */
    private void linkEntriesInTimeOrder(int n) {
        Integer[] entries = new Integer[2 * n];
        for (int e = 0; e < 2 * n; e++) {
            entries[e] = e;
        }
        Arrays.sort(entries, Comparator.comparingLong((Integer e) -> entryTime(e))
                .thenComparingInt(e -> e & 1)
                .thenComparingInt(e -> e >> 1));
        int last = head;
        for (int e : entries) {
            next[last] = e;
            prev[e] = last;
            last = e;
        }
        next[last] = END;
    }

    private long entryTime(int entry) {
        int op = entry >> 1;
        return (entry & 1) == 0 ? problem.call[op] : problem.deadline[op];
    }

    Outcome run() {
        int n = problem.size();
        int[] stackOp = new int[n];
        int[] stackState = new int[n];
        int depth = 0;
        int state = SearchProblem.ABSENT;
        int requiredLinearized = 0;
        long low = 0;
        long high = 0;
        int culprit = -1;
        VisitedConfigurations visited = new VisitedConfigurations();
        long deadlineNanos = System.nanoTime() + budget.maxTimePerKey().toNanos();
        long steps = 0;

        int entry = next[head];
        while (requiredLinearized < problem.requiredCount) {
            if (++steps % TIME_CHECK_INTERVAL == 0 && System.nanoTime() > deadlineNanos) {
                return tooHard(visited, "time limit of " + budget.maxTimePerKey().toMillis() + " ms", culprit);
            }
            int op = entry >> 1;
            if ((entry & 1) == 0) {
                int after = apply(op, state);
                if (after >= 0 && gateOpen(op)) {
                    long nextLow = low ^ zobristLow[op];
                    long nextHigh = high ^ zobristHigh[op];
                    if (visited.add(nextLow, nextHigh, after)) {
                        if (visited.size() > budget.maxConfigurations()) {
                            return tooHard(visited, "limit of " + budget.maxConfigurations() + " configurations",
                                    culprit);
                        }
                        stackOp[depth] = op;
                        stackState[depth] = state;
                        depth++;
                        state = after;
                        low = nextLow;
                        high = nextHigh;
                        lift(op);
                        countLinearized(op, 1);
                        if (problem.required[op]) {
                            requiredLinearized++;
                        }
                        entry = next[head];
                        continue;
                    }
                }
                entry = next[entry];
                continue;
            }
            // A completion whose op is not linearized: this branch is dead, take back the last choice.
            if (culprit < 0 || problem.deadline[op] > problem.deadline[culprit]) {
                culprit = op;
            }
            int undone;
            do {
                if (depth == 0) {
                    return new Outcome(Result.NOT_LINEARIZABLE, problem.ops[culprit], problem.deadline[culprit],
                            visited.size(), null);
                }
                depth--;
                undone = stackOp[depth];
                state = stackState[depth];
                low ^= zobristLow[undone];
                high ^= zobristHigh[undone];
                unlift(undone);
                countLinearized(undone, -1);
                if (problem.required[undone]) {
                    requiredLinearized--;
                }
            } while (problem.kind[undone] == SearchProblem.READ);
            entry = next[2 * undone];
        }
        return new Outcome(Result.LINEARIZABLE, null, 0, visited.size(), null);
    }

    /** Keeps the furthest point the search could not get past, where a violation may be found locally. */
    private Outcome tooHard(VisitedConfigurations visited, String limit, int culprit) {
        return culprit < 0 ? new Outcome(Result.TOO_HARD, null, 0, visited.size(), limit)
                : new Outcome(Result.TOO_HARD, problem.ops[culprit], problem.deadline[culprit], visited.size(), limit);
    }

    /** The register's value after {@code op}, or -1 when the op is impossible at {@code state}. */
    private int apply(int op, int state) {
        return switch (problem.kind[op]) {
            case SearchProblem.READ -> problem.value[op] == state ? state : -1;
            case SearchProblem.WRITE -> problem.value[op];
            default -> problem.expected[op] == state ? problem.value[op] : -1;
        };
    }

    private boolean gateOpen(int op) {
        int rank = problem.gateRank[op];
        return rank < 0 || linearizedAmongFirst(rank) == problem.gateCount[op];
    }

    private void lift(int op) {
        unlink(2 * op);
        unlink(2 * op + 1);
    }

    private void unlift(int op) {
        relink(2 * op + 1);
        relink(2 * op);
    }

    private void unlink(int entry) {
        next[prev[entry]] = next[entry];
        if (next[entry] != END) {
            prev[next[entry]] = prev[entry];
        }
    }

    private void relink(int entry) {
        next[prev[entry]] = entry;
        if (next[entry] != END) {
            prev[next[entry]] = entry;
        }
    }

    /** Fenwick tree update over deadline ranks; skipped when nothing is gated. */
    private void countLinearized(int op, int delta) {
        if (!problem.uniqueValues) {
            return;
        }
        for (int i = problem.deadlineRank[op] + 1; i < linearizedByDeadline.length; i += i & -i) {
            linearizedByDeadline[i] += delta;
        }
    }

    /** How many of the {@code rank} ops with the earliest deadlines are linearized. */
    private int linearizedAmongFirst(int rank) {
        int sum = 0;
        for (int i = rank; i > 0; i -= i & -i) {
            sum += linearizedByDeadline[i];
        }
        return sum;
    }
}
