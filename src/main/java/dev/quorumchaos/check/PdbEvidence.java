package dev.quorumchaos.check;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What a PodDisruptionBudget allowed and what happened, as a {@code PdbMonitor} observed it.
 * Times are wall-clock instants, as Kubernetes reports them.
 *
 * @param maxUnavailable       the budget's maxUnavailable at the end
 * @param budgetChanges        every change of maxUnavailable; null when it never changed
 * @param countedFrom          when every member was first Ready, from which on disruptions count
 * @param refusals             evictions of members the budget refused; null when not asked
 * @param evicted              evictions of members that went through; null when not asked
 * @param mostUnavailableAtOnce null when never counted
 * @param when                 when the most were unavailable
 * @param unavailableMembers   the pods unavailable then
 * @param firstBreach          when the budget was first exceeded; null while it held
 */
public record PdbEvidence(String pdb, int maxUnavailable,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<String> budgetChanges,
                          String countedFrom,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<String> refusals,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<String> evicted,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer mostUnavailableAtOnce,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String when,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<String> unavailableMembers,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String firstBreach) implements Evidence {

    public PdbEvidence(String pdb, int maxUnavailable, List<String> budgetChanges, String countedFrom) {
        this(pdb, maxUnavailable, budgetChanges, countedFrom, null, null, null, null, null, null);
    }

    public PdbEvidence withPeak(int mostUnavailableAtOnce, String when) {
        return new PdbEvidence(pdb, maxUnavailable, budgetChanges, countedFrom, refusals, evicted,
                mostUnavailableAtOnce, when, unavailableMembers, firstBreach);
    }

    public PdbEvidence withUnavailableMembers(List<String> pods) {
        return new PdbEvidence(pdb, maxUnavailable, budgetChanges, countedFrom, refusals, evicted,
                mostUnavailableAtOnce, when, pods, firstBreach);
    }

    public PdbEvidence withFirstBreach(String at) {
        return new PdbEvidence(pdb, maxUnavailable, budgetChanges, countedFrom, refusals, evicted,
                mostUnavailableAtOnce, when, unavailableMembers, at);
    }

    public PdbEvidence withEvictions(List<String> refused, List<String> went) {
        return new PdbEvidence(pdb, maxUnavailable, budgetChanges, countedFrom, refused, went,
                mostUnavailableAtOnce, when, unavailableMembers, firstBreach);
    }

    @Override
    public Judges judges() {
        return Judges.AVAILABILITY;
    }
}
