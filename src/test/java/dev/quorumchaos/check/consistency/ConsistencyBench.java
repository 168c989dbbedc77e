package dev.quorumchaos.check.consistency;

import dev.quorumchaos.check.Verdict;
import dev.quorumchaos.history.Operation;

import java.util.List;
import java.util.function.Function;

/**
 * Prints how long both checks take on large synthetic histories; not a test, since timings on a
 * shared two-core machine say nothing reliable. Run after {@code mvn test-compile} with
 * {@code java -cp target/classes:target/test-classes dev.quorumchaos.check.consistency.ConsistencyBench [operations]}.
 */
public final class ConsistencyBench {

    private ConsistencyBench() {
    }

    public static void main(String[] args) {
        int operations = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        System.out.printf("%-44s %8s %10s %10s  %s%n", "history", "ops", "generate", "check", "verdict");
        warmUp();
        for (int keys : new int[] {1, 10, 100}) {
            for (double infoRate : new double[] {0.01, 0.05, 0.2}) {
                SyntheticHistories.Shape shape = new SyntheticHistories.Shape(operations, 10, keys, infoRate, 42);
                long started = System.nanoTime();
                List<Operation> valid = SyntheticHistories.linearizable(shape);
                long generated = System.nanoTime() - started;
                String name = "10 clients, " + keys + " key(s), " + (int) (infoRate * 100) + "% info";
                measure(name + ", linearizable", valid, generated, new LinearizabilityCheck()::check);
                measure(name + ", session order", valid, generated, new SessionOrderCheck()::check);
                if (infoRate == 0.01) {
                    List<Operation> stale = SyntheticHistories.withOneStaleRead(valid, 1);
                    measure(name + ", one stale read", stale, generated, new LinearizabilityCheck()::check);
                }
            }
        }
    }

    private static void measure(String name, List<Operation> history, long generatedNanos,
                                Function<List<Operation>, Verdict> check) {
        long started = System.nanoTime();
        Verdict verdict = check.apply(history);
        long checked = System.nanoTime() - started;
        System.out.printf("%-44s %8d %8d ms %8d ms  %s: %s%n", name, history.size() / 2, generatedNanos / 1_000_000,
                checked / 1_000_000, verdict.outcome().label(), abbreviate(verdict.summary()));
    }

    private static String abbreviate(String summary) {
        return summary.length() > 140 ? summary.substring(0, 140) + "..." : summary;
    }

    /** The first few checks run interpreted; keep them out of the figures. */
    private static void warmUp() {
        List<Operation> history = SyntheticHistories.linearizable(SyntheticHistories.Shape.of(20_000, 10, 10));
        for (int i = 0; i < 3; i++) {
            new LinearizabilityCheck().check(history);
            new SessionOrderCheck().check(history);
        }
    }
}
