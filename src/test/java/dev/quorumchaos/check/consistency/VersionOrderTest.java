package dev.quorumchaos.check.consistency;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The version order's shortcut reachability against the transitive closure of its facts, built naively. */
class VersionOrderTest {

    @Test
    void agreesWithTheTransitiveClosureOnRandomWrites() {
        int ordered = 0;
        for (long seed = 0; seed < 3_000; seed++) {
            List<RegisterOp> ops = OperationPairing.pair(randomWrites(seed).operations()).operations();
            VersionOrder order = new VersionOrder(ops);
            Closure closure = new Closure(ops);
            assertThat(order.orders(null)).as("seed %d", seed).isEqualTo(!closure.casLoop);
            if (closure.casLoop) {
                continue;
            }
            for (String u : closure.values) {
                for (String v : closure.values) {
                    boolean expected = closure.strictlyOlder(u, v);
                    assertThat(order.strictlyOlder(u, v)).as("seed %d: %s < %s", seed, u, v).isEqualTo(expected);
                    ordered += expected ? 1 : 0;
                }
            }
        }
        assertThat(ordered).isGreaterThan(1_000);
    }

    @Test
    void casesExpectingEachOthersValuesOrderNothing() {
        VersionOrder order = new VersionOrder(OperationPairing.pair(new HandWrittenHistory()
                .cas(1, "/x", "a", "b", 0, 10)
                .cas(2, "/x", "b", "a", 20, 30)
                .operations()).operations());

        assertThat(order.orders("a")).isFalse();
        assertThat(order.orders(null)).isFalse();
    }

    private static HandWrittenHistory randomWrites(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = random.nextInt(1, 8);
        HandWrittenHistory history = new HandWrittenHistory();
        for (int i = 0; i < n; i++) {
            long invoke = random.nextInt(0, 30);
            long complete = invoke + random.nextInt(0, 12);
            String value = "w" + i;
            String expected = random.nextInt(4) == 0 ? null : "w" + random.nextInt(n);
            boolean info = random.nextInt(5) == 0;
            if (random.nextBoolean()) {
                if (info) {
                    history.writeInfo(i, "/x", value, invoke, complete);
                } else {
                    history.write(i, "/x", value, invoke, complete);
                }
            } else if (info) {
                history.casInfo(i, "/x", expected, value, invoke, complete);
            } else {
                history.cas(i, "/x", expected, value, invoke, complete);
            }
        }
        return history;
    }

    /** Every fact as an edge, closed by Floyd-Warshall. */
    private static final class Closure {
        final List<String> values = new ArrayList<>();
        final boolean[][] reach;
        final boolean casLoop;

        Closure(List<RegisterOp> ops) {
            values.add(null);
            List<RegisterOp> writers = new ArrayList<>();
            writers.add(null);
            for (RegisterOp op : ops) {
                values.add(op.value());
                writers.add(op);
            }
            int n = values.size();
            reach = new boolean[n][n];
            int[] parent = new int[n];
            parent[0] = -1;
            for (int v = 1; v < n; v++) {
                reach[0][v] = true;
                RegisterOp w = writers.get(v);
                parent[v] = w.isCas() ? values.indexOf(w.expected()) : -1;
                if (parent[v] >= 0) {
                    reach[parent[v]][v] = true;
                }
                for (int u = 1; u < n; u++) {
                    if (writers.get(u).effectDeadline() < w.invokeNanos()) {
                        reach[u][v] = true;
                    }
                }
            }
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        reach[i][j] |= reach[i][k] && reach[k][j];
                    }
                }
            }
            casLoop = hasParentLoop(parent);
        }

        private static boolean hasParentLoop(int[] parent) {
            for (int start = 0; start < parent.length; start++) {
                int x = parent[start];
                for (int steps = 0; x >= 0 && steps <= parent.length; steps++) {
                    if (x == start) {
                        return true;
                    }
                    x = parent[x];
                }
            }
            return false;
        }

        boolean strictlyOlder(String u, String v) {
            int a = values.indexOf(u);
            int b = values.indexOf(v);
            return a != b && reach[a][b] && !reach[b][a];
        }
    }
}
