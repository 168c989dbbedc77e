package dev.quorumchaos.check;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Writes sent through members a partition cut off from every majority, and how they ended. All
 * null when no partition was applied.
 *
 * @param partitions             each partition and the minority it stranded
 * @param acknowledged           writes the minority acknowledged: none may be
 * @param acknowledgedOnMinority the first of those; null when none
 */
public record MinorityWritesEvidence(@JsonInclude(JsonInclude.Include.NON_NULL) List<String> partitions,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) Integer attempted,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) Integer acknowledged,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) Integer failed,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) Integer indeterminate,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) List<Acknowledged> acknowledgedOnMinority)
        implements Evidence {

    static final MinorityWritesEvidence NO_PARTITION = new MinorityWritesEvidence(null, null, null, null, null, null);

    /**
     * A write a cut-off member acknowledged.
     *
     * @param member the member whose answer carried the acknowledgement
     */
    public record Acknowledged(String key, int member, long invokedAtMs, long acknowledgedAtMs, String partition) {
    }

    /** A minority that acknowledges a write can lose it when the partition heals: a safety violation. */
    @Override
    public Judges judges() {
        return Judges.CORRECTNESS;
    }
}
