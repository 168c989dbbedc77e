package dev.quorumchaos.check.consistency;

import dev.quorumchaos.check.Judges;
import dev.quorumchaos.check.LinearizabilityEvidence;
import dev.quorumchaos.check.LinearizabilityEvidence.Counterexample;
import dev.quorumchaos.check.LinearizabilityEvidence.HardestKey;
import dev.quorumchaos.check.LinearizabilityEvidence.TooHardKey;
import dev.quorumchaos.check.Verdict;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.Operation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether each key behaved as one atomic register: some single order of its operations respects
 * real time (an op that completed before another was invoked comes first) and the register (each
 * read returns the latest value written, each successful CAS found its expected value). INFO ops
 * may have taken effect at any point after their invocation, or never; failed ops never did.
 * Keys are independent registers, so each is searched on its own, with its own budget.
 * <p>
 * On FAIL the evidence is, per failing key, the few operations that cannot be ordered.
 */
public final class LinearizabilityCheck {

    public static final String NAME = "linearizable writes";
    /** The name when reads are judged too. */
    public static final String NAME_WITH_READS = "linearizable reads and writes";

    private static final int COUNTEREXAMPLES_SHOWN = 5;
    private static final Duration TIME_TO_SHRINK = Duration.ofSeconds(5);
    private static final int MAX_UNSHRUNK_OPS_SHOWN = 20;

    private final SearchBudget budget;
    private final boolean includeReads;
    private final String initial;

    public LinearizabilityCheck() {
        this(SearchBudget.DEFAULT, true, null);
    }

    private LinearizabilityCheck(SearchBudget budget, boolean includeReads, String initial) {
        this.budget = budget;
        this.includeReads = includeReads;
        this.initial = initial;
    }

    /** The same check with another bound on the search of each key. */
    public LinearizabilityCheck withBudget(SearchBudget budget) {
        return new LinearizabilityCheck(budget, includeReads, initial);
    }

    /**
     * The same check with every register starting at {@code value} instead of absent (Knossos's
     * {@code (cas-register 0)} starts at 0). Null means absent, the default.
     */
    public LinearizabilityCheck startingAt(String value) {
        return new LinearizabilityCheck(budget, includeReads, value);
    }

    /**
     * The same check over writes and CASes only. ZooKeeper promises linearizable writes but lets a
     * read without {@code sync()} be served stale by a lagging member: use this when the workload
     * reads without syncing.
     */
    public LinearizabilityCheck ignoringReads() {
        return new LinearizabilityCheck(budget, false, initial);
    }

    private String name() {
        return includeReads ? NAME_WITH_READS : NAME;
    }

    public Verdict check(History history) {
        return check(history.operations());
    }

    public Verdict check(List<Operation> history) {
        try {
            return verdict(history);
        } catch (RuntimeException e) {
            return Verdict.crashed(name(), Judges.CORRECTNESS, e);
        }
    }

    private record KeyResult(String key, List<RegisterOp> ops, RegisterSearch.Outcome outcome) {
    }

    private Verdict verdict(List<Operation> history) {
        long started = System.nanoTime();
        OperationPairing.Paired paired = OperationPairing.pair(history);
        List<KeyResult> failing = new ArrayList<>();
        List<KeyResult> tooHard = new ArrayList<>();
        KeyResult hardest = null;
        long configurations = 0;
        int checked = 0;
        for (Map.Entry<String, List<RegisterOp>> key : paired.byKey().entrySet()) {
            List<RegisterOp> ops = SearchProblem.relevant(key.getValue()).stream()
                    .filter(op -> includeReads || !op.isRead()).toList();
            checked += ops.size();
            KeyResult result = new KeyResult(key.getKey(), ops, search(ops));
            configurations += result.outcome().configurations();
            if (hardest == null || result.outcome().configurations() > hardest.outcome().configurations()) {
                hardest = result;
            }
            switch (result.outcome().result()) {
                case NOT_LINEARIZABLE -> failing.add(result);
                case TOO_HARD -> tooHard.add(result);
                case LINEARIZABLE -> { }
            }
        }
        int keys = paired.byKey().size();
        if (!failing.isEmpty()) {
            return failed(failing, tooHard, keys, checked, paired);
        }
        HardestKey hardestKey = hardest == null ? null
                : new HardestKey(String.valueOf(hardest.key()), hardest.outcome().configurations());
        if (!tooHard.isEmpty()) {
            return Verdict.unknown(name(), tooHard.size() + " key(s) too hard to decide within the budget, first "
                    + tooHard.get(0).key() + " (" + tooHard.get(0).outcome().exhausted() + ")",
                    new LinearizabilityEvidence(keys, checked, includeReads, paired.orphanCompletions(),
                            paired.neverCompleted(), null, null, configurations, hardestKey, tooHard(tooHard), null));
        }
        return Verdict.pass(name(), checked + " operations on " + keys + " key(s) have a linearization",
                new LinearizabilityEvidence(keys, checked, includeReads, paired.orphanCompletions(),
                        paired.neverCompleted(), null, null, configurations, hardestKey, null,
                        (System.nanoTime() - started) / 1_000_000));
    }

    /**
     * Searches one key. Proving a violation means refuting every order of everything before it, so a
     * long key can run out of budget with the violation in plain sight: then a search around the
     * furthest point reached may still find a small set of ops that cannot be ordered, which settles it.
     */
    private RegisterSearch.Outcome search(List<RegisterOp> ops) {
        RegisterSearch.Outcome outcome = RegisterSearch.run(SearchProblem.of(ops, initial), budget);
        if (outcome.result() != RegisterSearch.Result.TOO_HARD || outcome.culprit() == null
                || !SearchProblem.valuesWrittenOnce(ops, initial)) {
            return outcome;
        }
        List<RegisterOp> window = shrinker().failingWindow(ops, outcome.culprit(), outcome.stuckAt());
        if (window == null) {
            return outcome;
        }
        RegisterSearch.Outcome local = RegisterSearch.run(SearchProblem.of(window, initial), budget);
        return new RegisterSearch.Outcome(RegisterSearch.Result.NOT_LINEARIZABLE, local.culprit(), local.stuckAt(),
                outcome.configurations() + local.configurations(), null);
    }

    private CounterexampleShrinker shrinker() {
        return new CounterexampleShrinker(new SearchBudget(budget.maxConfigurations(), Duration.ofSeconds(2)),
                TIME_TO_SHRINK, initial);
    }

    private Verdict failed(List<KeyResult> failing, List<KeyResult> tooHard, int keys, int checked,
                           OperationPairing.Paired paired) {
        List<Counterexample> counterexamples = new ArrayList<>();
        for (KeyResult result : failing.subList(0, Math.min(COUNTEREXAMPLES_SHOWN, failing.size()))) {
            counterexamples.add(counterexample(result));
        }
        LinearizabilityEvidence evidence = new LinearizabilityEvidence(keys, checked, includeReads,
                paired.orphanCompletions(), paired.neverCompleted(),
                failing.stream().map(r -> String.valueOf(r.key())).toList(), counterexamples, null, null,
                tooHard.isEmpty() ? null : tooHard(tooHard), null);
        return Verdict.fail(name(), failing.size() + " key(s) not linearizable; " + counterexamples.get(0).explanation(),
                evidence);
    }

    private Counterexample counterexample(KeyResult result) {
        RegisterSearch.Outcome outcome = result.outcome();
        List<RegisterOp> ops;
        boolean minimal;
        if (SearchProblem.valuesWrittenOnce(result.ops(), initial)) {
            CounterexampleShrinker.Counterexample shrunk = shrinker()
                    .shrink(result.ops(), outcome.culprit(), outcome.stuckAt());
            ops = shrunk.operations();
            minimal = shrunk.minimal();
        } else {
            // Without unique values a subset proves nothing: show what overlapped the op that could not be placed.
            ops = overlapping(result.ops(), outcome.culprit(), outcome.stuckAt());
            minimal = false;
        }
        return new Counterexample(result.key(), CounterexampleExplanation.explain(result.key(), ops, initial),
                ops.stream().map(RegisterOp::evidence).toList(), outcome.culprit().evidence(), minimal);
    }

    private static List<RegisterOp> overlapping(List<RegisterOp> ops, RegisterOp culprit, long stuckAt) {
        List<RegisterOp> shown = new ArrayList<>();
        shown.add(culprit);
        for (RegisterOp op : ops) {
            boolean overlaps = op.invokeNanos() <= stuckAt && op.effectDeadline() >= culprit.invokeNanos();
            if (overlaps && op != culprit && shown.size() < MAX_UNSHRUNK_OPS_SHOWN) {
                shown.add(op);
            }
        }
        shown.sort(java.util.Comparator.comparingLong(RegisterOp::invokeNanos));
        return shown;
    }

    private static List<TooHardKey> tooHard(List<KeyResult> results) {
        return results.stream().map(r -> new TooHardKey(r.key(), r.ops().size(), r.outcome().configurations(),
                r.outcome().exhausted())).toList();
    }
}
