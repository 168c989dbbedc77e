package dev.quorumchaos.check.consistency;

import dev.quorumchaos.check.Verdict;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.Operation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
            return Verdict.crashed(name(), e);
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
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("keys", paired.byKey().size());
        evidence.put("operations", checked);
        evidence.put("readsChecked", includeReads);
        evidence.putAll(paired.anomalies());
        if (!failing.isEmpty()) {
            return failed(failing, tooHard, evidence);
        }
        evidence.put("configurationsExplored", configurations);
        if (hardest != null) {
            evidence.put("hardestKey", Map.of("key", String.valueOf(hardest.key()),
                    "configurations", hardest.outcome().configurations()));
        }
        if (!tooHard.isEmpty()) {
            evidence.put("tooHardKeys", tooHard.stream().map(LinearizabilityCheck::tooHardEvidence).toList());
            return Verdict.unknown(name(), tooHard.size() + " key(s) too hard to decide within the budget, first "
                    + tooHard.get(0).key() + " (" + tooHard.get(0).outcome().exhausted() + ")", evidence);
        }
        evidence.put("elapsedMs", (System.nanoTime() - started) / 1_000_000);
        return Verdict.pass(name(), checked + " operations on " + paired.byKey().size()
                + " key(s) have a linearization", evidence);
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

    private Verdict failed(List<KeyResult> failing, List<KeyResult> tooHard, Map<String, Object> evidence) {
        evidence.put("failingKeys", failing.stream().map(r -> String.valueOf(r.key())).toList());
        List<Map<String, Object>> counterexamples = new ArrayList<>();
        String firstSummary = null;
        for (KeyResult result : failing.subList(0, Math.min(COUNTEREXAMPLES_SHOWN, failing.size()))) {
            Map<String, Object> counterexample = counterexample(result);
            counterexamples.add(counterexample);
            if (firstSummary == null) {
                firstSummary = (String) counterexample.get("explanation");
            }
        }
        evidence.put("counterexamples", counterexamples);
        if (!tooHard.isEmpty()) {
            evidence.put("tooHardKeys", tooHard.stream().map(LinearizabilityCheck::tooHardEvidence).toList());
        }
        return Verdict.fail(name(), failing.size() + " key(s) not linearizable; " + firstSummary, evidence);
    }

    private Map<String, Object> counterexample(KeyResult result) {
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
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("key", result.key());
        map.put("explanation", CounterexampleExplanation.explain(result.key(), ops, initial));
        map.put("operations", ops.stream().map(RegisterOp::evidence).toList());
        map.put("culprit", outcome.culprit().evidence());
        map.put("minimal", minimal);
        return map;
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

    private static Map<String, Object> tooHardEvidence(KeyResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("key", result.key());
        map.put("operations", result.ops().size());
        map.put("configurationsExplored", result.outcome().configurations());
        map.put("limit", result.outcome().exhausted());
        return map;
    }
}
