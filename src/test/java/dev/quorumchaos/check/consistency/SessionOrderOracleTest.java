package dev.quorumchaos.check.consistency;

import dev.quorumchaos.check.Outcome;
import dev.quorumchaos.check.Verdict;
import dev.quorumchaos.history.Operation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static dev.quorumchaos.check.PublishedEvidence.published;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session-order check's shortcuts (reachability without a closure, a frontier of the newest
 * values a session knows) against its definition, computed the slow way: on thousands of small
 * random histories, the version order as the transitive closure of its facts, and every read
 * compared with everything its session knew before it. Verdict, counts and the reads named must
 * agree.
 */
class SessionOrderOracleTest {

    private static final int HISTORIES = 3_000;

    @Test
    void agreesWithTheDefinitionOnRandomHistories() {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        for (long seed = 0; seed < HISTORIES; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            String initial = random.nextInt(3) == 0 ? "0" : null;
            List<Operation> history = randomHistory(random, initial);

            Verdict verdict = new SessionOrderCheck().startingAt(initial).check(history);
            Expected expected = BruteForce.judge(OperationPairing.pair(history).operations(), initial);

            String why = "seed " + seed + ": " + verdict.summary();
            assertThat(verdict.outcome()).as(why).isEqualTo(expected.outcome());
            assertThat(published(verdict).get("readsChecked")).as(why).isEqualTo(expected.readsChecked);
            assertThat(published(verdict).getOrDefault("readsNotJudged", 0)).as(why).isEqualTo(expected.readsNotJudged);
            if (!expected.violations.isEmpty()) {
                assertSameViolations(verdict, expected, why);
            }
            outcomes.merge(verdict.outcome(), 1, Integer::sum);
        }
        // Every verdict must be well represented, or the comparison proves little.
        assertThat(outcomes.values()).hasSize(3).allMatch(n -> n >= HISTORIES / 10);
    }

    @SuppressWarnings("unchecked")
    private static void assertSameViolations(Verdict verdict, Expected expected, String why) {
        Map<String, Integer> byKind = (Map<String, Integer>) published(verdict).get("violationsByKind");
        assertThat(byKind.values().stream().mapToInt(Integer::intValue).sum()).as(why)
                .isEqualTo(expected.violations.size());
        List<Map<String, Object>> shown = (List<Map<String, Object>>) published(verdict).get("violations");
        assertThat(shown).as(why).hasSize(Math.min(10, expected.violations.size()));
        for (Map<String, Object> violation : shown) {
            long read = (Long) ((Map<String, Object>) violation.get("read")).get("index");
            assertThat(expected.violations).as(why).containsKey(read);
            assertThat(expected.violations.get(read)).as(why + ": kind of the read at " + read)
                    .contains((String) violation.get("kind"));
        }
    }

    /**
     * A few sessions, each a sequence of operations on one or two keys; values mostly unique,
     * sometimes repeated; reads of values written by anyone (even later), of absent, of the
     * initial value, or of something never written; CASes expecting any value.
     */
    private static List<Operation> randomHistory(SplittableRandom random, String initial) {
        HandWrittenHistory history = new HandWrittenHistory();
        List<String> values = new ArrayList<>();
        int processes = random.nextInt(2, 5);
        int keys = random.nextInt(4) == 0 ? 2 : 1;
        for (int p = 0; p < processes; p++) {
            long t = random.nextInt(0, 10);
            int ops = random.nextInt(1, 6);
            for (int i = 0; i < ops; i++) {
                String key = "/k" + random.nextInt(keys);
                long end = t + random.nextInt(0, 12);
                double f = random.nextDouble();
                if (f < 0.45) {
                    history.read(p, key, seen(random, values, initial), t, end);
                } else {
                    String value = random.nextInt(10) == 0 && !values.isEmpty()
                            ? values.get(random.nextInt(values.size()))
                            : initial != null && random.nextInt(20) == 0 ? initial : "v" + values.size();
                    values.add(value);
                    double outcome = random.nextDouble();
                    if (f < 0.8) {
                        if (outcome < 0.7) {
                            history.write(p, key, value, t, end);
                        } else if (outcome < 0.85) {
                            history.writeInfo(p, key, value, t, end);
                        } else {
                            history.writeFailed(p, key, value, t, end);
                        }
                    } else {
                        String expected = seen(random, values, initial);
                        if (outcome < 0.7) {
                            history.cas(p, key, expected, value, t, end);
                        } else if (outcome < 0.85) {
                            history.casInfo(p, key, expected, value, t, end);
                        } else {
                            history.casFailed(p, key, expected, value, t, end);
                        }
                    }
                }
                t = end + random.nextInt(0, 4);
            }
        }
        return history.operations();
    }

    private static String seen(SplittableRandom random, List<String> values, String initial) {
        int pick = random.nextInt(10);
        if (pick == 0) {
            return initial;
        }
        if (pick == 1) {
            return "never-written";
        }
        if (pick == 2 || values.isEmpty()) {
            return random.nextBoolean() ? null : "v" + (values.size() + random.nextInt(1, 3));
        }
        return values.get(random.nextInt(values.size()));
    }

    /** What the definition says: violating reads (by invocation index) with the kinds each may be named. */
    private record Expected(Outcome outcome, int readsChecked, int readsNotJudged, Map<Long, Set<String>> violations) {
    }

    /** The definition, computed without any of the check's shortcuts. */
    private static final class BruteForce {

        static Expected judge(List<RegisterOp> ops, String initial) {
            Map<String, List<RegisterOp>> byKey = new TreeMap<>();
            for (RegisterOp op : ops) {
                byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
            }
            int checked = 0;
            int notJudged = 0;
            Map<Long, Set<String>> violations = new HashMap<>();
            for (List<RegisterOp> keyOps : byKey.values()) {
                Order order = new Order(keyOps, initial);
                Map<Integer, List<RegisterOp>> learned = new HashMap<>();
                for (RegisterOp op : keyOps) {
                    if (!op.ok()) {
                        continue;
                    }
                    if (!order.orders(op.value())) {
                        notJudged += op.isRead() ? 1 : 0;
                        continue;
                    }
                    List<RegisterOp> known = learned.computeIfAbsent(op.process(), p -> new ArrayList<>());
                    if (op.isRead()) {
                        checked++;
                        Set<String> kinds = new HashSet<>();
                        for (RegisterOp before : known) {
                            if (order.strictlyOlder(op.value(), before.value())) {
                                kinds.add(before.isRead() ? SessionOrderCheck.NON_MONOTONIC_READ
                                        : SessionOrderCheck.STALE_AFTER_OWN_WRITE);
                            }
                        }
                        if (!kinds.isEmpty()) {
                            violations.put(op.index(), kinds);
                            continue;
                        }
                    }
                    known.add(op);
                }
            }
            Outcome outcome = !violations.isEmpty() ? Outcome.FAIL : notJudged > 0 ? Outcome.UNKNOWN : Outcome.PASS;
            return new Expected(outcome, checked, notJudged, violations);
        }
    }

    /** The version order of one key as the transitive closure of its facts, by Floyd and Warshall. */
    private static final class Order {
        private final String initial;
        /** Node 0 is the initial value; the others are the values written exactly once. */
        private final List<String> nodes = new ArrayList<>();
        private final boolean initialOrdered;
        private final boolean[][] reach;
        private final boolean ordersNothing;

        Order(List<RegisterOp> keyOps, String initial) {
            this.initial = initial;
            List<RegisterOp> writes = keyOps.stream().filter(op -> op.changesValue() && (op.ok() || op.info())).toList();
            Map<String, Integer> times = new HashMap<>();
            writes.forEach(w -> times.merge(w.value(), 1, Integer::sum));
            initialOrdered = !times.containsKey(initial);
            nodes.add(initial);
            Map<String, RegisterOp> writer = new HashMap<>();
            for (RegisterOp w : writes) {
                if (times.get(w.value()) == 1 && !Objects.equals(w.value(), initial)) {
                    nodes.add(w.value());
                    writer.put(w.value(), w);
                }
            }
            int n = nodes.size();
            reach = new boolean[n][n];
            boolean[][] casEdge = new boolean[n][n];
            for (int v = 1; v < n; v++) {
                reach[0][v] = true;
                RegisterOp wv = writer.get(nodes.get(v));
                for (int u = 1; u < n; u++) {
                    RegisterOp wu = writer.get(nodes.get(u));
                    if (u != v && wu.ok() && wu.completionNanos() < wv.invokeNanos()) {
                        reach[u][v] = true;
                    }
                }
                if (wv.isCas()) {
                    int u = Objects.equals(wv.expected(), initial) ? 0 : nodes.indexOf(wv.expected());
                    if (u >= 0) {
                        reach[u][v] = true;
                        casEdge[u][v] = true;
                    }
                }
            }
            closeOver(reach);
            closeOver(casEdge);
            boolean loop = false;
            for (int v = 0; v < n; v++) {
                loop |= casEdge[v][v];
            }
            ordersNothing = loop;
        }

        private static void closeOver(boolean[][] r) {
            int n = r.length;
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        r[i][j] |= r[i][k] && r[k][j];
                    }
                }
            }
        }

        boolean orders(String value) {
            return !ordersNothing && node(value) >= 0;
        }

        boolean strictlyOlder(String older, String newer) {
            int u = node(older);
            int v = node(newer);
            return u != v && reach[u][v] && !reach[v][u];
        }

        private int node(String value) {
            if (Objects.equals(value, initial)) {
                return initialOrdered ? 0 : -1;
            }
            return nodes.indexOf(value);
        }
    }
}
