package dev.quorumchaos.check.consistency;

import dev.quorumchaos.check.Judges;
import dev.quorumchaos.check.SessionOrderEvidence;
import dev.quorumchaos.check.SessionOrderEvidence.KeyNotJudged;
import dev.quorumchaos.check.Verdict;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.Operation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each client session saw, against the order the writes are known to have taken (see
 * {@link VersionOrder}). ZooKeeper promises every session FIFO client order and a view that never
 * goes back, even where reads are not linearizable. Two ways to break that:
 * <ul>
 *   <li><b>stale read after own write</b>: a session reads a value older than one it wrote and
 *       had acknowledged;</li>
 *   <li><b>non-monotonic read</b>: a session reads a value older than one it had already read.</li>
 * </ul>
 * Only values the history orders unambiguously count, so every violation reported is certain. A
 * read of any other value (written more than once, or by no operation that may have happened)
 * cannot be placed, and is <em>not judged</em>: when any read is, the verdict is UNKNOWN with the
 * count per key, never a PASS that would claim what was not checked.
 */
public final class SessionOrderCheck {

    public static final String NAME = "no client saw time go backwards";

    static final String STALE_AFTER_OWN_WRITE = "stale read after own write";
    static final String NON_MONOTONIC_READ = "non-monotonic read";

    private static final int VIOLATIONS_SHOWN = 10;
    private static final int KEYS_SHOWN = 10;

    private final String initial;

    public SessionOrderCheck() {
        this(null);
    }

    private SessionOrderCheck(String initial) {
        this.initial = initial;
    }

    /** The same check with every key starting at {@code value} instead of absent; null means absent. */
    public SessionOrderCheck startingAt(String value) {
        return new SessionOrderCheck(value);
    }

    public Verdict check(History history) {
        return check(history.operations());
    }

    public Verdict check(List<Operation> history) {
        try {
            return verdict(history);
        } catch (RuntimeException e) {
            return Verdict.crashed(NAME, Judges.CORRECTNESS, e);
        }
    }

    /** A value the session knows the key has reached, and how it learned it. */
    private record Known(String value, RegisterOp source) {
    }

    private record Violation(String kind, RegisterOp read, Known newer, VersionOrder order) {
    }

    private Verdict verdict(List<Operation> history) {
        OperationPairing.Paired paired = OperationPairing.pair(history);
        Map<String, List<RegisterOp>> byKey = paired.byKey();
        Map<String, VersionOrder> orders = new HashMap<>();
        byKey.forEach((key, ops) -> orders.put(key, new VersionOrder(ops, initial)));

        // Per session and key, the newest values it knows of: maximal in the version order, rarely more than one.
        Map<Integer, Map<String, List<Known>>> newest = new HashMap<>();
        List<Violation> violations = new ArrayList<>();
        int readsChecked = 0;
        Map<String, Integer> notJudged = new LinkedHashMap<>();
        for (RegisterOp op : paired.operations()) {
            if (!op.ok()) {
                continue;
            }
            VersionOrder order = orders.get(op.key());
            if (!order.orders(op.value())) {
                if (op.isRead()) {
                    notJudged.merge(op.key(), 1, Integer::sum);
                }
                continue;
            }
            List<Known> frontier = newest.computeIfAbsent(op.process(), p -> new HashMap<>())
                    .computeIfAbsent(op.key(), k -> new ArrayList<>());
            if (op.isRead()) {
                readsChecked++;
                Known overtaken = firstNewerThan(frontier, op.value(), order);
                if (overtaken != null) {
                    String kind = overtaken.source().isRead() ? NON_MONOTONIC_READ : STALE_AFTER_OWN_WRITE;
                    violations.add(new Violation(kind, op, overtaken, order));
                    continue;
                }
            }
            learn(frontier, new Known(op.value(), op), order);
        }

        int readsNotJudged = notJudged.values().stream().mapToInt(Integer::intValue).sum();
        List<KeyNotJudged> keysNotJudged = readsNotJudged == 0 ? null : notJudged.entrySet().stream().limit(KEYS_SHOWN)
                .map(e -> notJudgedEvidence(e.getKey(), e.getValue(), byKey.get(e.getKey()))).toList();
        if (violations.isEmpty()) {
            SessionOrderEvidence evidence = new SessionOrderEvidence(newest.size(), byKey.size(), readsChecked,
                    paired.orphanCompletions(), paired.neverCompleted(), readsNotJudged == 0 ? null : readsNotJudged,
                    keysNotJudged, null, null);
            if (readsNotJudged > 0) {
                return Verdict.unknown(NAME, readsNotJudged + " read(s) on " + notJudged.size() + " key(s) not judged,"
                        + " first " + notJudged.keySet().iterator().next() + ": they returned values written more than"
                        + " once or by nothing that may have happened, so no order places them; " + readsChecked
                        + " other reads never went back in time", evidence);
            }
            return Verdict.pass(NAME, readsChecked + " reads by " + newest.size()
                    + " sessions never went back in time", evidence);
        }
        Map<String, Integer> byKind = new LinkedHashMap<>();
        violations.forEach(v -> byKind.merge(v.kind(), 1, Integer::sum));
        SessionOrderEvidence evidence = new SessionOrderEvidence(newest.size(), byKey.size(), readsChecked,
                paired.orphanCompletions(), paired.neverCompleted(), readsNotJudged == 0 ? null : readsNotJudged,
                keysNotJudged, byKind, violations.stream().limit(VIOLATIONS_SHOWN).map(SessionOrderCheck::evidence).toList());
        return Verdict.fail(NAME, violations.size() + " read(s) went back in time; first: "
                + sentence(violations.get(0)), evidence);
    }

    private KeyNotJudged notJudgedEvidence(String key, int reads, List<RegisterOp> keyOps) {
        Map<String, Integer> writes = new HashMap<>();
        for (RegisterOp op : keyOps) {
            if (op.changesValue() && (op.ok() || op.info())) {
                writes.merge(op.value(), 1, Integer::sum);
            }
        }
        if (initial != null || writes.containsKey(null)) {
            writes.merge(initial, 1, Integer::sum);
        }
        return new KeyNotJudged(key, reads, writes.values().stream().filter(n -> n > 1).count());
    }

    private static Known firstNewerThan(List<Known> frontier, String value, VersionOrder order) {
        for (Known known : frontier) {
            if (order.strictlyOlder(value, known.value())) {
                return known;
            }
        }
        return null;
    }

    /** Adds what the session learned, keeping only values nothing else it knows is newer than. */
    private static void learn(List<Known> frontier, Known learned, VersionOrder order) {
        for (Known known : frontier) {
            if (java.util.Objects.equals(known.value(), learned.value())
                    || order.strictlyOlder(learned.value(), known.value())) {
                return;
            }
        }
        frontier.removeIf(known -> order.strictlyOlder(known.value(), learned.value()));
        frontier.add(learned);
    }

    private static String sentence(Violation v) {
        RegisterOp read = v.read();
        RegisterOp before = v.newer().source();
        String learned = before.isRead()
                ? "it had read " + before.value() + " at " + before.completionNanos() / 1_000_000 + " ms"
                : "its write of " + before.value() + " was acknowledged at " + before.completionNanos() / 1_000_000 + " ms";
        return v.kind() + ": process " + read.process() + " read " + read.key() + " -> "
                + (read.value() == null ? "absent" : read.value()) + " at " + read.completionNanos() / 1_000_000
                + " ms after " + learned + ", and " + v.order().why(read.value(), before.value());
    }

    private static SessionOrderEvidence.Violation evidence(Violation v) {
        RegisterOp staleWriter = v.order().writer(v.read().value());
        RegisterOp newerWriter = v.order().writer(v.newer().value());
        List<RegisterOp> ops = new ArrayList<>();
        for (RegisterOp op : new RegisterOp[] {staleWriter, newerWriter, v.newer().source(), v.read()}) {
            if (op != null && !ops.contains(op)) {
                ops.add(op);
            }
        }
        ops.sort(java.util.Comparator.comparingLong(RegisterOp::invokeNanos));
        return new SessionOrderEvidence.Violation(v.kind(), v.read().process(), v.read().key(), sentence(v),
                ops.stream().map(RegisterOp::evidence).toList(), v.read().evidence(), v.newer().source().evidence());
    }
}
