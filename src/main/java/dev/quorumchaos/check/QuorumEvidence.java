package dev.quorumchaos.check;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;
import java.util.TreeMap;

/**
 * How the quorum fared within a deadline after the last fault. The time-to-quorum is the
 * {@link FaultRecovery}'s, copied here, never measured again.
 *
 * @param measuredFrom       the fault (or the ensemble's start) the deadline ran from
 * @param quorumLostAtMs     when the outage measured began; null when quorum was kept
 * @param withoutQuorumForMs on a FAIL with quorum still gone: how long it had been gone
 * @param unavailableMembers on that FAIL: why members were out, by ordinal, as the platform or
 *                           the service says it
 * @param timeToQuorumMs     null when quorum never came back
 * @param quorumAtMs         when quorum served (again); null when it never did
 * @param leader             the leader of the quorum that served then, when known
 */
public record QuorumEvidence(String measuredFrom, long measuredFromMs, long deadlineMs, FaultRecovery recovery,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Long quorumLostAtMs,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Long withoutQuorumForMs,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Map<Integer, String> unavailableMembers,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Long timeToQuorumMs,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Long quorumAtMs,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Integer leader) implements Evidence {

    public QuorumEvidence {
        unavailableMembers = unavailableMembers == null ? null : new TreeMap<>(unavailableMembers);
    }

    @Override
    public Judges judges() {
        return Judges.AVAILABILITY;
    }
}
