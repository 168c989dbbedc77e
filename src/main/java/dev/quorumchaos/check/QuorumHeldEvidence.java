package dev.quorumchaos.check;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Whether quorum, once first reached, held: every outage after it.
 *
 * @param firstQuorumAtMs null when the ensemble never had a quorum
 * @param outages         null when the ensemble never had a quorum
 */
public record QuorumHeldEvidence(@JsonInclude(JsonInclude.Include.NON_NULL) Long firstQuorumAtMs,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) List<Outage> outages)
        implements Evidence {

    public QuorumHeldEvidence {
        outages = outages == null ? null : List.copyOf(outages);
    }

    /** A time without quorum, on the scenario's clock, and on the wall clock ({@code at}). */
    public record Outage(long fromMs, long toMs, long durationMs, String at, boolean ongoing) {
    }

    @Override
    public Judges judges() {
        return Judges.AVAILABILITY;
    }
}
