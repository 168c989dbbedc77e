package dev.quorumchaos.check.consistency;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One key's operations prepared for {@link RegisterSearch}: failed operations and reads without
 * a result dropped, values numbered, and, where every value is written at most once, the two
 * facts that uniqueness buys:
 * <ul>
 *   <li>An INFO write or CAS whose value some ok operation observed certainly took effect, and
 *       before the first such observer completed; one nobody observed can be taken as never having
 *       happened. So no INFO operation stays optional, and none stays open until the end of time
 *       (which is what makes a search over INFO operations explode).</li>
 *   <li>A value's write is followed directly by its readers, with no other operation between.
 *       So every operation that completed before the last reader of value v was invoked must
 *       precede v's write: the write's <em>gate</em>, which keeps the search from trying it early.</li>
 * </ul>
 * Without unique values INFO operations stay optional with no deadline and nothing is gated.
 */
final class SearchProblem {

    static final int READ = 0;
    static final int WRITE = 1;
    static final int CAS = 2;
    /** The register's value before any write: absent, unless the problem names another initial value. */
    static final int ABSENT = 0;

    final RegisterOp[] ops;
    final int[] kind;
    final int[] value;
    final int[] expected;
    final long[] call;
    final long[] deadline;
    final boolean[] required;
    final int requiredCount;
    final boolean uniqueValues;
    /** For a gated write: how many ops complete before its last reader is invoked ({@code -1}: no gate). */
    final int[] gateRank;
    /** For a gated write: how many of those must already be linearized (all but its own readers). */
    final int[] gateCount;
    /** Each op's position when all ops are sorted by deadline. */
    final int[] deadlineRank;

    private SearchProblem(List<RegisterOp> kept, long[] deadlines, boolean uniqueValues, String initial) {
        int n = kept.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> kept.get(i).invokeNanos())
                .thenComparingLong(i -> kept.get(i).index()));
        this.uniqueValues = uniqueValues;
        ops = new RegisterOp[n];
        kind = new int[n];
        value = new int[n];
        expected = new int[n];
        call = new long[n];
        deadline = new long[n];
        required = new boolean[n];
        Map<String, Integer> ids = new HashMap<>();
        ids.put(initial, ABSENT);
        int requiredOps = 0;
        for (int i = 0; i < n; i++) {
            RegisterOp op = kept.get(order[i]);
            ops[i] = op;
            kind[i] = switch (op.f()) {
                case READ -> READ;
                case WRITE -> WRITE;
                case CAS -> CAS;
            };
            value[i] = ids.computeIfAbsent(op.value(), v -> ids.size());
            expected[i] = op.isCas() ? ids.computeIfAbsent(op.expected(), v -> ids.size()) : ABSENT;
            call[i] = op.invokeNanos();
            deadline[i] = deadlines[order[i]];
            required[i] = deadline[i] != Long.MAX_VALUE;
            if (required[i]) {
                requiredOps++;
            }
        }
        requiredCount = requiredOps;
        deadlineRank = new int[n];
        gateRank = new int[n];
        gateCount = new int[n];
        Arrays.fill(gateRank, -1);
        if (uniqueValues) {
            computeGates();
        }
    }

    int size() {
        return ops.length;
    }

    /** Ops that may have taken effect and say something: ok ops, and INFO writes and CASes. */
    static List<RegisterOp> relevant(List<RegisterOp> keyOps) {
        List<RegisterOp> kept = new ArrayList<>();
        for (RegisterOp op : keyOps) {
            if (op.ok() || (op.info() && op.changesValue())) {
                kept.add(op);
            }
        }
        return kept;
    }

    static SearchProblem of(List<RegisterOp> keyOps) {
        return of(keyOps, null);
    }

    /** @param initial the register's value before any operation; null: absent */
    static SearchProblem of(List<RegisterOp> keyOps, String initial) {
        List<RegisterOp> kept = relevant(keyOps);
        if (!valuesWrittenOnce(kept, initial)) {
            long[] deadlines = kept.stream().mapToLong(RegisterOp::effectDeadline).toArray();
            return new SearchProblem(kept, deadlines, false, initial);
        }
        long[] deadlines = deadlinesFromObservers(kept);
        List<RegisterOp> happened = new ArrayList<>();
        List<Long> happenedDeadlines = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            if (deadlines[i] != Long.MAX_VALUE) {
                happened.add(kept.get(i));
                happenedDeadlines.add(deadlines[i]);
            }
        }
        return new SearchProblem(happened, happenedDeadlines.stream().mapToLong(Long::longValue).toArray(), true,
                initial);
    }

    static boolean valuesWrittenOnce(List<RegisterOp> ops) {
        return valuesWrittenOnce(ops, null);
    }

    /** Whether no value is written twice, counting the initial value as written once before everything. */
    static boolean valuesWrittenOnce(List<RegisterOp> ops, String initial) {
        Set<String> written = new HashSet<>();
        if (initial != null) {
            written.add(initial);
        }
        for (RegisterOp op : ops) {
            if (op.changesValue() && (op.value() == null || !written.add(op.value()))) {
                return false;
            }
        }
        return true;
    }

    /** The value an op needs to find in the register, if it needs one: a read's result, a CAS's expected value. */
    static boolean observes(RegisterOp op) {
        return op.isRead() || op.isCas();
    }

    static String observed(RegisterOp op) {
        return op.isRead() ? op.value() : op.expected();
    }

    /**
     * Ok ops keep their completion as deadline. An INFO op gets the earliest deadline of the ops
     * that observed its value, directly or through a chain of INFO CASes; unobserved, it keeps none.
     */
    private static long[] deadlinesFromObservers(List<RegisterOp> ops) {
        Map<String, Integer> writerOf = new HashMap<>();
        long[] deadlines = new long[ops.size()];
        ArrayDeque<Integer> changed = new ArrayDeque<>();
        for (int i = 0; i < ops.size(); i++) {
            RegisterOp op = ops.get(i);
            deadlines[i] = op.effectDeadline();
            if (op.changesValue()) {
                writerOf.put(op.value(), i);
            }
            if (op.ok() && observes(op)) {
                changed.add(i);
            }
        }
        while (!changed.isEmpty()) {
            int observer = changed.poll();
            Integer writer = writerOf.get(observed(ops.get(observer)));
            if (writer != null && ops.get(writer).info() && deadlines[observer] < deadlines[writer]) {
                deadlines[writer] = deadlines[observer];
                if (ops.get(writer).isCas()) {
                    changed.add(writer);
                }
            }
        }
        return deadlines;
    }

    private void computeGates() {
        int n = ops.length;
        Integer[] byDeadline = new Integer[n];
        for (int i = 0; i < n; i++) {
            byDeadline[i] = i;
        }
        Arrays.sort(byDeadline, Comparator.comparingLong(i -> deadline[i]));
        long[] sortedDeadlines = new long[n];
        for (int r = 0; r < n; r++) {
            deadlineRank[byDeadline[r]] = r;
            sortedDeadlines[r] = deadline[byDeadline[r]];
        }
        Map<Integer, Integer> writerOfValue = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (kind[i] != READ) {
                writerOfValue.put(value[i], i);
            }
        }
        Map<Integer, List<Integer>> readersOf = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (kind[i] != WRITE) {
                int needs = kind[i] == READ ? value[i] : expected[i];
                if (writerOfValue.containsKey(needs)) {
                    readersOf.computeIfAbsent(needs, v -> new ArrayList<>()).add(i);
                }
            }
        }
        for (Map.Entry<Integer, List<Integer>> e : readersOf.entrySet()) {
            int writer = writerOfValue.get(e.getKey());
            long lastReaderInvoked = Long.MIN_VALUE;
            for (int reader : e.getValue()) {
                lastReaderInvoked = Math.max(lastReaderInvoked, call[reader]);
            }
            int before = lowerBound(sortedDeadlines, lastReaderInvoked);
            int ownBefore = deadline[writer] < lastReaderInvoked ? 1 : 0;
            for (int reader : e.getValue()) {
                if (deadline[reader] < lastReaderInvoked) {
                    ownBefore++;
                }
            }
            gateRank[writer] = before;
            gateCount[writer] = before - ownBefore;
        }
    }

    private static int lowerBound(long[] sorted, long key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
