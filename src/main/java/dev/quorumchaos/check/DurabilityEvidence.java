package dev.quorumchaos.check;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * Counts of the writes judged, and the lost, the unexpected and the recovered elements, as
 * Jepsen's set checker gives them. Lists of keys show the first few; the counts are whole.
 *
 * @param invokedAfterReadStarted writes not judged: they may or may not be in what was read
 * @param lost                    the first lost keys; null when none was lost
 * @param lostByMember            the first keys missing, by member ({@code member 1}); null when none
 * @param firstLostWrittenAtMs    when the first lost write was invoked; null when none was lost
 * @param indeterminatePresent    writes that ended {@code info} and are present
 * @param unexpected              keys present that nobody wrote; null when none
 * @param failedButPresent        writes reported failed that are present; null when none
 * @param unreadable              members that could not be read, and why; null when all were read
 */
public record DurabilityEvidence(int acknowledged, int indeterminate, int failed, int invokedAfterReadStarted,
                                 int lostWrites,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) List<String> lost,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, List<String>> lostByMember,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) Long firstLostWrittenAtMs,
                                 int indeterminatePresent,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) List<String> unexpected,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) List<String> failedButPresent,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) List<String> unreadable)
        implements Evidence {

    @Override
    public Judges judges() {
        return Judges.CORRECTNESS;
    }
}
