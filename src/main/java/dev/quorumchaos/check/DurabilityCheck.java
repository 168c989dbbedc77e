package dev.quorumchaos.check;

import dev.quorumchaos.history.Operation;
import dev.quorumchaos.workload.MemberContents;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * No acknowledged write is lost: every write that ended {@code ok} is present on every member
 * after recovery. A write that ended {@code info} may be present or not; one that ended
 * {@code fail} must not be; a key nobody wrote must not exist. Like Jepsen's set checker, the
 * verdict carries the lost, the recovered and the unexpected elements, not just a boolean.
 */
public final class DurabilityCheck {

    public static final String NAME = "no acknowledged write lost";
    private static final int SHOWN = 20;

    private DurabilityCheck() {
    }

    /**
     * @param history        every operation recorded, taken after the members were read, so that
     *                       every key a member holds was invoked before
     * @param readStartNanos when the reading began: writes invoked later are not judged (they may
     *                       or may not be in what was read), and one acknowledged later counts as
     *                       indeterminate
     */
    public static Verdict check(List<Operation> history, List<MemberContents> members, long readStartNanos) {
        Map<String, Operation.Type> writes = new HashMap<>();
        Map<String, Operation> invokes = new HashMap<>();
        Set<String> notJudged = new java.util.HashSet<>();
        for (Operation op : history) {
            if (op.f() != Operation.Fn.WRITE || notJudged.contains(op.key())) {
                continue;
            }
            if (op.isInvoke() && op.timeNanos() >= readStartNanos) {
                notJudged.add(op.key());
            } else if (op.isInvoke()) {
                invokes.put(op.key(), op);
                writes.putIfAbsent(op.key(), Operation.Type.INFO); // no completion yet: unknown
            } else if (op.type() == Operation.Type.OK && op.timeNanos() >= readStartNanos) {
                writes.put(op.key(), Operation.Type.INFO);
            } else {
                writes.put(op.key(), op.type());
            }
        }
        Set<String> acknowledged = keysOf(writes, Operation.Type.OK);
        Set<String> failed = keysOf(writes, Operation.Type.FAIL);
        Set<String> unknown = keysOf(writes, Operation.Type.INFO);

        Map<String, List<String>> lostByMember = new LinkedHashMap<>();
        Set<String> lost = new TreeSet<>();
        Set<String> unexpected = new TreeSet<>();
        Set<String> failedButPresent = new TreeSet<>();
        Set<String> recovered = new TreeSet<>();
        List<String> unreadable = new ArrayList<>();
        for (MemberContents m : members) {
            if (!m.readable()) {
                unreadable.add("member " + m.member() + ": " + m.unreadableBecause());
                continue;
            }
            List<String> missing = new ArrayList<>();
            for (String key : acknowledged) {
                if (!m.keys().contains(key)) {
                    missing.add(key);
                }
            }
            missing.sort(null);
            if (!missing.isEmpty()) {
                lostByMember.put("member " + m.member(), first(missing));
                lost.addAll(missing);
            }
            for (String key : m.keys()) {
                if (notJudged.contains(key)) {
                    continue;
                }
                if (!writes.containsKey(key)) {
                    unexpected.add(key);
                } else if (failed.contains(key)) {
                    failedButPresent.add(key);
                } else if (unknown.contains(key)) {
                    recovered.add(key);
                }
            }
        }
        Long firstLostAt = lost.isEmpty() || invokes.get(lost.iterator().next()) == null ? null
                : invokes.get(lost.iterator().next()).timeMillis();
        DurabilityEvidence evidence = new DurabilityEvidence(acknowledged.size(), unknown.size(), failed.size(),
                notJudged.size(), lost.size(), lost.isEmpty() ? null : first(lost),
                lost.isEmpty() ? null : lostByMember, firstLostAt, recovered.size(),
                unexpected.isEmpty() ? null : first(unexpected),
                failedButPresent.isEmpty() ? null : first(failedButPresent), unreadable.isEmpty() ? null : unreadable);

        if (!lost.isEmpty()) {
            return Verdict.fail(NAME, lost.size() + " acknowledged write(s) lost, e.g. " + lost.iterator().next()
                    + " missing on " + String.join(", ", lostByMember.keySet()), evidence);
        }
        if (!unexpected.isEmpty() || !failedButPresent.isEmpty()) {
            return Verdict.fail(NAME, unexpected.size() + " key(s) nobody wrote and " + failedButPresent.size()
                    + " write(s) reported failed are present", evidence);
        }
        if (!unreadable.isEmpty()) {
            return Verdict.unknown(NAME, "could not read " + unreadable.size() + " member(s): " + unreadable.get(0),
                    evidence);
        }
        if (acknowledged.isEmpty()) {
            return Verdict.unknown(NAME, "no write was acknowledged, so there was nothing to lose", evidence);
        }
        return Verdict.pass(NAME, "all " + acknowledged.size() + " acknowledged writes present on all "
                + members.size() + " members (" + recovered.size() + " of " + unknown.size()
                + " indeterminate writes present too)", evidence);
    }

    private static Set<String> keysOf(Map<String, Operation.Type> writes, Operation.Type type) {
        Set<String> keys = new java.util.HashSet<>();
        writes.forEach((k, t) -> {
            if (t == type) {
                keys.add(k);
            }
        });
        return keys;
    }

    private static List<String> first(java.util.Collection<String> keys) {
        return keys.stream().limit(SHOWN).toList();
    }
}
