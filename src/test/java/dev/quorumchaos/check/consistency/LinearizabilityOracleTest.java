package dev.quorumchaos.check.consistency;

import dev.quorumchaos.check.LinearizabilityEvidence;
import dev.quorumchaos.check.OperationEvidence;

import dev.quorumchaos.check.Outcome;
import dev.quorumchaos.check.Verdict;
import dev.quorumchaos.history.Operation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check's prunings (gates, INFO deadlines from observers, reads never retried) against the
 * definition itself: on thousands of small random histories, a brute-force search over every
 * order must agree with the verdict, and every counterexample must itself be non-linearizable.
 */
class LinearizabilityOracleTest {

    private final LinearizabilityCheck check = new LinearizabilityCheck();

    @Test
    void agreesWithBruteForceOnRandomHistoriesWithUniqueValues() {
        agreeOn(seed -> randomHistory(seed, true), 3_000);
    }

    @Test
    void agreesWithBruteForceOnRandomHistoriesWithRepeatedValues() {
        agreeOn(seed -> randomHistory(seed, false), 3_000);
    }

    @Test
    void agreesWithBruteForceOnSmallSimulatedHistoriesWithOneReadChanged() {
        agreeOn(seed -> {
            List<Operation> valid = SyntheticHistories.linearizable(
                    new SyntheticHistories.Shape(8, 4, 1, 0.3, seed));
            return new SplittableRandom(seed).nextBoolean() ? valid : withOneReadChanged(valid, seed);
        }, 2_000);
    }

    private void agreeOn(java.util.function.LongFunction<List<Operation>> histories, int count) {
        int failing = 0;
        for (long seed = 0; seed < count; seed++) {
            List<Operation> history = histories.apply(seed);
            boolean linearizable = BruteForce.linearizable(OperationPairing.pair(history).operations());
            Verdict verdict = check.check(history);
            assertThat(verdict.outcome()).as("seed %d: %s", seed, verdict.summary())
                    .isEqualTo(linearizable ? Outcome.PASS : Outcome.FAIL);
            if (!linearizable) {
                failing++;
                assertCounterexampleIsOne(history, verdict, seed);
            }
        }
        // Both verdicts must be well represented, or the comparison proves little.
        assertThat(failing).isBetween(count / 10, count - count / 10);
    }

    private static void assertCounterexampleIsOne(List<Operation> history, Verdict verdict, long seed) {
        LinearizabilityEvidence.Counterexample counterexample =
                verdict.evidence(LinearizabilityEvidence.class).counterexamples().get(0);
        if (!counterexample.minimal()) {
            return;
        }
        List<RegisterOp> all = OperationPairing.pair(history).operations();
        List<RegisterOp> shown = new ArrayList<>();
        for (OperationEvidence op : counterexample.operations()) {
            all.stream().filter(candidate -> candidate.evidence().equals(op)).findFirst().ifPresent(shown::add);
        }
        assertThat(BruteForce.linearizable(shown)).as("seed %d: counterexample %s", seed, shown).isFalse();
        for (RegisterOp dropped : shown) {
            List<RegisterOp> smaller = new ArrayList<>(shown);
            smaller.remove(dropped);
            boolean keepsWriters = smaller.stream().filter(SearchProblem::observes).allMatch(op ->
                    SearchProblem.observed(op) == null || smaller.stream().anyMatch(w -> w.changesValue()
                            && Objects.equals(w.value(), SearchProblem.observed(op))) || !writtenIn(shown, op));
            if (keepsWriters) {
                assertThat(BruteForce.linearizable(smaller)).as("seed %d: %s is not minimal", seed, shown).isTrue();
            }
        }
    }

    private static boolean writtenIn(List<RegisterOp> ops, RegisterOp observer) {
        return ops.stream().anyMatch(w -> w.changesValue() && Objects.equals(w.value(), SearchProblem.observed(observer)));
    }

    private static List<Operation> randomHistory(long seed, boolean uniqueValues) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = random.nextInt(2, 8);
        List<String> written = new ArrayList<>();
        HandWrittenHistory history = new HandWrittenHistory();
        for (int i = 0; i < n; i++) {
            long invoke = random.nextInt(0, 20);
            long complete = invoke + random.nextInt(0, 10);
            String value = uniqueValues ? "w" + i : String.valueOf(random.nextInt(1, 3));
            double f = random.nextDouble();
            double outcome = random.nextDouble();
            if (f < 0.4) {
                String seen = written.isEmpty() || random.nextInt(4) == 0 ? null
                        : written.get(random.nextInt(written.size()));
                if (!uniqueValues && random.nextBoolean()) {
                    seen = String.valueOf(random.nextInt(1, 3));
                }
                history.read(i, "/x", seen, invoke, complete);
                continue;
            }
            written.add(value);
            if (f < 0.75) {
                if (outcome < 0.7) {
                    history.write(i, "/x", value, invoke, complete);
                } else if (outcome < 0.9) {
                    history.writeInfo(i, "/x", value, invoke, complete);
                } else {
                    history.writeFailed(i, "/x", value, invoke, complete);
                }
            } else {
                String expected = written.size() < 2 || random.nextInt(4) == 0 ? null
                        : written.get(random.nextInt(written.size() - 1));
                if (outcome < 0.7) {
                    history.cas(i, "/x", expected, value, invoke, complete);
                } else if (outcome < 0.9) {
                    history.casInfo(i, "/x", expected, value, invoke, complete);
                } else {
                    history.casFailed(i, "/x", expected, value, invoke, complete);
                }
            }
        }
        return history.operations();
    }

    private static List<Operation> withOneReadChanged(List<Operation> history, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> values = new ArrayList<>();
        values.add(null);
        history.stream().filter(op -> op.f() != Operation.Fn.READ && op.value() != null).forEach(op -> values.add(op.value()));
        List<Integer> reads = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).f() == Operation.Fn.READ && history.get(i).type() == Operation.Type.OK) {
                reads.add(i);
            }
        }
        if (reads.isEmpty()) {
            return history;
        }
        int i = reads.get(random.nextInt(reads.size()));
        Operation read = history.get(i);
        List<Operation> changed = new ArrayList<>(history);
        changed.set(i, new Operation(read.index(), read.process(), read.type(), read.f(), read.key(),
                values.get(random.nextInt(values.size())), read.expected(), read.member(), read.timeNanos(), null));
        return changed;
    }

    /** Linearizability by definition: try every order of every subset of INFO ops, no pruning but real time. */
    private static final class BruteForce {

        static boolean linearizable(List<RegisterOp> history) {
            List<RegisterOp> ops = history.stream()
                    .filter(op -> op.ok() || op.info() && op.changesValue()).toList();
            return search(ops, new boolean[ops.size()], null);
        }

        private static boolean search(List<RegisterOp> ops, boolean[] done, String state) {
            boolean allOkDone = true;
            for (int i = 0; i < ops.size(); i++) {
                if (!done[i] && ops.get(i).ok()) {
                    allOkDone = false;
                }
            }
            if (allOkDone) {
                return true;
            }
            for (int i = 0; i < ops.size(); i++) {
                if (done[i] || !mayGoNext(ops, done, i)) {
                    continue;
                }
                RegisterOp op = ops.get(i);
                String after;
                if (op.isRead()) {
                    if (!Objects.equals(op.value(), state)) {
                        continue;
                    }
                    after = state;
                } else if (op.isCas()) {
                    if (!Objects.equals(op.expected(), state)) {
                        continue;
                    }
                    after = op.value();
                } else {
                    after = op.value();
                }
                done[i] = true;
                boolean found = search(ops, done, after);
                done[i] = false;
                if (found) {
                    return true;
                }
            }
            return false;
        }

        /** No op still to be placed completed before this one was invoked. */
        private static boolean mayGoNext(List<RegisterOp> ops, boolean[] done, int candidate) {
            for (int j = 0; j < ops.size(); j++) {
                if (!done[j] && j != candidate && ops.get(j).effectDeadline() < ops.get(candidate).invokeNanos()) {
                    return false;
                }
            }
            return true;
        }
    }
}
