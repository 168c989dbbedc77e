package dev.quorumchaos.check.budget;

import dev.quorumchaos.check.Verdict;
import dev.quorumchaos.fault.node.EvictionAttempt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks on a PodDisruptionBudget, from what a {@code PdbMonitor} observed. Compliance is measured
 * from readiness: the most members unavailable at once against maxUnavailable. Kills and pauses
 * count too (the budget only governs evictions, but the ensemble loses quorum all the same), so
 * the evidence names the members and the moment.
 */
public final class PdbChecks {

    private PdbChecks() {
    }

    public static Verdict compliance(BudgetObservations o) {
        String name = "disruption budget respected";
        if (o.samples().isEmpty()) {
            return Verdict.unknown(name, "member readiness was never observed", Map.of("pdb", o.pdb()));
        }
        UnreadyPods peak = o.peak().orElseThrow();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("pdb", o.pdb());
        evidence.put("maxUnavailable", o.maxUnavailable());
        evidence.put("mostUnavailableAtOnce", peak.count());
        evidence.put("when", peak.at().toString());
        evidence.put("unavailableMembers", peak.pods());
        if (peak.count() > o.maxUnavailable()) {
            return Verdict.fail(name, peak.count() + " members were unavailable at once (" + String.join(", ", peak.pods())
                    + " at " + peak.at() + "), more than maxUnavailable " + o.maxUnavailable(), evidence);
        }
        return Verdict.pass(name, "at most " + peak.count() + " of " + o.members() + " members unavailable at once, within "
                + "maxUnavailable " + o.maxUnavailable(), evidence);
    }

    /**
     * The drain was held back: the budget refused at least one eviction of a member, and the budget
     * was never exceeded, so evictions beyond it were refused rather than forced.
     */
    public static Verdict drainHeldBack(BudgetObservations o) {
        String name = "drain held back by the disruption budget";
        List<EvictionAttempt> attempts = o.memberEvictions();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("pdb", o.pdb());
        evidence.put("maxUnavailable", o.maxUnavailable());
        evidence.put("refusals", attempts.stream().filter(a -> a.result() == EvictionAttempt.Result.REFUSED)
                .map(a -> a.at() + " " + a.pod() + ": " + a.detail()).toList());
        evidence.put("evicted", attempts.stream().filter(a -> a.result() == EvictionAttempt.Result.EVICTED)
                .map(a -> a.at() + " " + a.pod()).toList());
        if (attempts.isEmpty()) {
            return Verdict.unknown(name, "no member was the subject of an eviction: was a node drained?", evidence);
        }
        long refused = attempts.stream().filter(a -> a.result() == EvictionAttempt.Result.REFUSED).count();
        UnreadyPods peak = o.peak().orElse(null);
        if (peak != null) {
            evidence.put("mostUnavailableAtOnce", peak.count());
            evidence.put("when", peak.at().toString());
        }
        if (peak != null && peak.count() > o.maxUnavailable()) {
            return Verdict.fail(name, peak.count() + " members were unavailable at once (" + String.join(", ", peak.pods())
                    + "), more than maxUnavailable " + o.maxUnavailable(), evidence);
        }
        if (refused == 0) {
            return Verdict.fail(name, "the budget refused no eviction: every member on the node was evicted at once", evidence);
        }
        return Verdict.pass(name, "the budget refused " + refused + " eviction(s) of members; at most "
                + (peak == null ? "?" : peak.count()) + " unavailable at once, within maxUnavailable " + o.maxUnavailable(), evidence);
    }
}
