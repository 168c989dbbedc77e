package dev.quorumchaos.check.budget;

import dev.quorumchaos.check.PdbEvidence;
import dev.quorumchaos.check.Verdict;
import dev.quorumchaos.fault.node.EvictionAttempt;

import java.util.List;

/**
 * Checks on a PodDisruptionBudget, from what a {@code PdbMonitor} observed. Compliance is measured
 * from the moment every member was first Ready: the members unavailable at once against the
 * maxUnavailable in force at that moment. Kills and pauses count too (the budget only governs
 * evictions, but the ensemble loses quorum all the same), so the evidence names the members and
 * the moment.
 */
public final class PdbChecks {

    private PdbChecks() {
    }

    public static Verdict compliance(BudgetObservations o) {
        String name = "disruption budget respected";
        PdbEvidence evidence = common(o);
        if (o.countedFrom() == null) {
            UnreadyPods last = o.samples().isEmpty() ? null : o.samples().get(o.samples().size() - 1);
            return Verdict.unknown(name, "the members were never all Ready at once, so no disruption could be counted"
                    + (last == null ? "" : " (last seen unavailable: " + String.join(", ", last.pods()) + ")"), evidence);
        }
        UnreadyPods peak = o.peak().orElseThrow();
        evidence = evidence.withPeak(peak.count(), peak.at().toString()).withUnavailableMembers(peak.pods());
        var breach = o.firstBreach();
        if (breach.isPresent()) {
            UnreadyPods s = breach.get().sample();
            evidence = evidence.withFirstBreach(breach.get().at().toString());
            return Verdict.fail(name, s.count() + " members were unavailable at once (" + String.join(", ", s.pods())
                    + " at " + breach.get().at() + "), more than maxUnavailable " + breach.get().maxUnavailable(), evidence);
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
        PdbEvidence evidence = common(o).withEvictions(
                attempts.stream().filter(a -> a.result() == EvictionAttempt.Result.REFUSED)
                        .map(a -> a.at() + " " + a.pod() + ": " + a.detail()).toList(),
                attempts.stream().filter(a -> a.result() == EvictionAttempt.Result.EVICTED)
                        .map(a -> a.at() + " " + a.pod()).toList());
        if (attempts.isEmpty()) {
            return Verdict.unknown(name, "no member was the subject of an eviction: was a node drained?", evidence);
        }
        if (o.countedFrom() == null) {
            return Verdict.unknown(name, "the members were never all Ready at once, so the budget never had members to"
                    + " protect", evidence);
        }
        long refused = attempts.stream().filter(a -> a.result() == EvictionAttempt.Result.REFUSED).count();
        UnreadyPods peak = o.peak().orElse(null);
        if (peak != null) {
            evidence = evidence.withPeak(peak.count(), peak.at().toString());
        }
        var breach = o.firstBreach();
        if (breach.isPresent()) {
            UnreadyPods s = breach.get().sample();
            return Verdict.fail(name, s.count() + " members were unavailable at once (" + String.join(", ", s.pods())
                    + "), more than maxUnavailable " + breach.get().maxUnavailable(), evidence);
        }
        if (refused == 0) {
            return Verdict.fail(name, "the budget refused no eviction: every member on the node was evicted at once", evidence);
        }
        return Verdict.pass(name, "the budget refused " + refused + " eviction(s) of members; at most "
                + (peak == null ? "?" : peak.count()) + " unavailable at once, within maxUnavailable " + o.maxUnavailable(), evidence);
    }

    private static PdbEvidence common(BudgetObservations o) {
        return new PdbEvidence(o.pdb(), o.maxUnavailable(), o.limits().size() > 1
                ? o.limits().stream().map(l -> l.at() + " maxUnavailable " + l.maxUnavailable()).toList() : null,
                o.countedFrom() == null ? "never: the members were never all Ready at once" : o.countedFrom().toString());
    }
}
