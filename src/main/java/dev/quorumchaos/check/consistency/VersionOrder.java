package dev.quorumchaos.check.consistency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order of one key's values as far as the history pins it down, without trusting any read:
 * value u comes before v when a path of these facts leads from u to v —
 * <ul>
 *   <li>real time: u's write completed before v's write was invoked;</li>
 *   <li>a CAS chain: v was written by a CAS that expected u;</li>
 *   <li>the initial value (absent, unless another is given) comes before every value.</li>
 * </ul>
 * Values written more than once (or never) are left out: the history cannot say which write a
 * read saw. An INFO write took effect, if at all, at some point after its invocation, so it
 * starts paths from it only through CAS chains. u is strictly older than v when a path leads from
 * u to v and none back; where the facts contradict each other (a cycle) neither is older, and the
 * linearizability check is the one to report it. CASes that expect each other's values in a loop
 * cannot come from any execution: such a key orders nothing at all.
 * <p>
 * Reachability is answered without building the closure: from u, the values reachable by real
 * time are exactly those invoked after the earliest completion T(u) among u and everything
 * reachable from it, and T(u) is a short fixpoint over precomputed minima.
 */
final class VersionOrder {

    private static final int NONE = -1;
    private static final long BEFORE_EVERYTHING = Long.MIN_VALUE;
    private static final int ABSENT_NODE = 0;

    private final Map<String, Integer> nodeOf = new HashMap<>();
    private final List<RegisterOp> writerOf = new ArrayList<>();
    private final long[] start;
    private final long[] end;
    private final int[] parent;
    private final int[] enter;
    private final int[] exit;
    /** Earliest completion among a node and its CAS descendants. */
    private final long[] subtreeEarliestEnd;
    /** Latest invocation among a node and its CAS ancestors. */
    private final long[] ancestryLatestStart;
    private final long[] startsSorted;
    /** subtreeEarliestEnd minimised over the nodes from each position of startsSorted onwards. */
    private final long[] earliestEndFrom;
    private final long[] reachThreshold;
    private final boolean casLoop;
    private final String initial;
    private final boolean initialWrittenAgain;

    VersionOrder(List<RegisterOp> keyOps) {
        this(keyOps, null);
    }

    /** @param initial the key's value before any write; null: absent */
    VersionOrder(List<RegisterOp> keyOps, String initial) {
        this.initial = initial;
        List<RegisterOp> writes = keyOps.stream().filter(op -> op.changesValue() && (op.ok() || op.info())).toList();
        Set<String> ambiguous = new HashSet<>();
        Map<String, RegisterOp> unique = new HashMap<>();
        for (RegisterOp w : writes) {
            if (java.util.Objects.equals(w.value(), initial) || unique.put(w.value(), w) != null) {
                ambiguous.add(w.value());
            }
        }
        initialWrittenAgain = ambiguous.contains(initial);
        writerOf.add(null);
        for (RegisterOp w : writes) {
            if (!ambiguous.contains(w.value())) {
                nodeOf.put(w.value(), writerOf.size());
                writerOf.add(w);
            }
        }
        int n = writerOf.size();
        start = new long[n];
        end = new long[n];
        parent = new int[n];
        start[ABSENT_NODE] = BEFORE_EVERYTHING;
        end[ABSENT_NODE] = BEFORE_EVERYTHING;
        parent[ABSENT_NODE] = NONE;
        for (int i = 1; i < n; i++) {
            RegisterOp w = writerOf.get(i);
            start[i] = w.invokeNanos();
            end[i] = w.effectDeadline();
            parent[i] = w.isCas() ? node(w.expected()) : NONE;
        }
        casLoop = hasCasLoop();
        enter = new int[n];
        exit = new int[n];
        subtreeEarliestEnd = end.clone();
        ancestryLatestStart = start.clone();
        walkForest();
        Integer[] byStart = new Integer[n];
        for (int i = 0; i < n; i++) {
            byStart[i] = i;
        }
        Arrays.sort(byStart, (a, b) -> Long.compare(start[a], start[b]));
        startsSorted = new long[n];
        earliestEndFrom = new long[n + 1];
        earliestEndFrom[n] = Long.MAX_VALUE;
        for (int r = n - 1; r >= 0; r--) {
            startsSorted[r] = start[byStart[r]];
            earliestEndFrom[r] = Math.min(earliestEndFrom[r + 1], subtreeEarliestEnd[byStart[r]]);
        }
        reachThreshold = new long[n];
        Arrays.fill(reachThreshold, Long.MAX_VALUE);
    }

    /** Whether the history orders this value: written exactly once, or the initial value never written again. */
    boolean orders(String value) {
        return !casLoop && (java.util.Objects.equals(value, initial) ? !initialWrittenAgain : nodeOf.containsKey(value));
    }

    /** The op that wrote the value, or null for the initial value. */
    RegisterOp writer(String value) {
        return java.util.Objects.equals(value, initial) ? null : writerOf.get(nodeOf.get(value));
    }

    /** Whether {@code older} certainly came before {@code newer}; both must be {@link #orders ordered}. */
    boolean strictlyOlder(String older, String newer) {
        int u = node(older);
        int v = node(newer);
        return u != v && reaches(u, v) && !reaches(v, u);
    }

    /** Why {@code older} came before {@code newer}, in the terms of the facts above. */
    String why(String older, String newer) {
        int u = node(older);
        int v = node(newer);
        if (u == ABSENT_NODE) {
            return initial == null ? "the key was absent only before its first write"
                    : initial + " was the initial value, held only before the first write";
        }
        if (isDescendant(v, u)) {
            return newer + " was written by a chain of CASes starting from " + older;
        }
        if (end[u] < start[v]) {
            return "the write of " + older + " completed at " + end[u] / 1_000_000 + " ms, before the write of "
                    + newer + " was invoked at " + start[v] / 1_000_000 + " ms";
        }
        return "real-time order and CAS chains together put " + older + " before " + newer;
    }

    private int node(String value) {
        if (java.util.Objects.equals(value, initial)) {
            return ABSENT_NODE;
        }
        return nodeOf.getOrDefault(value, NONE);
    }

    private boolean reaches(int u, int v) {
        return isDescendant(v, u) && v != u || ancestryLatestStart[v] > threshold(u);
    }

    /** T(u): the earliest completion among u and all it reaches; everything invoked later is reached. */
    private long threshold(int u) {
        if (reachThreshold[u] != Long.MAX_VALUE || subtreeEarliestEnd[u] == Long.MAX_VALUE) {
            return reachThreshold[u];
        }
        long t = subtreeEarliestEnd[u];
        while (true) {
            long reachedFromThere = earliestEndFrom[firstStartAfter(t)];
            if (reachedFromThere >= t) {
                break;
            }
            t = reachedFromThere;
        }
        reachThreshold[u] = t;
        return t;
    }

    private int firstStartAfter(long time) {
        int lo = 0;
        int hi = startsSorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (startsSorted[mid] <= time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private boolean isDescendant(int v, int u) {
        return enter[u] <= enter[v] && exit[v] <= exit[u];
    }

    /** Whether CASes expect each other's values in a loop; the loop is cut so the forest walk ends. */
    private boolean hasCasLoop() {
        boolean found = false;
        int n = parent.length;
        int[] mark = new int[n];
        for (int i = 0; i < n; i++) {
            List<Integer> path = new ArrayList<>();
            int x = i;
            while (x != NONE && mark[x] == 0) {
                mark[x] = 1;
                path.add(x);
                x = parent[x];
            }
            if (x != NONE && mark[x] == 1) {
                parent[path.get(path.size() - 1)] = NONE;
                found = true;
            }
            for (int p : path) {
                mark[p] = 2;
            }
        }
        return found;
    }

    /** Euler tour of the CAS forest, with the subtree minima and ancestry maxima along the way. */
    private void walkForest() {
        int n = parent.length;
        List<List<Integer>> children = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            children.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            if (parent[i] != NONE) {
                children.get(parent[i]).add(i);
            }
        }
        int clock = 0;
        int[] stack = new int[n];
        int[] childCursor = new int[n];
        for (int root = 0; root < n; root++) {
            if (parent[root] != NONE) {
                continue;
            }
            int depth = 0;
            stack[depth++] = root;
            enter[root] = clock++;
            while (depth > 0) {
                int x = stack[depth - 1];
                if (childCursor[x] < children.get(x).size()) {
                    int child = children.get(x).get(childCursor[x]++);
                    ancestryLatestStart[child] = Math.max(start[child], ancestryLatestStart[x]);
                    enter[child] = clock++;
                    stack[depth++] = child;
                } else {
                    exit[x] = clock++;
                    depth--;
                    if (depth > 0) {
                        int up = stack[depth - 1];
                        subtreeEarliestEnd[up] = Math.min(subtreeEarliestEnd[up], subtreeEarliestEnd[x]);
                    }
                }
            }
        }
    }
}
