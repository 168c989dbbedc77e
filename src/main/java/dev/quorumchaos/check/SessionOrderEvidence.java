package dev.quorumchaos.check;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * What each client session saw against the order the writes are known to have taken.
 *
 * @param readsNotJudged   reads of values no order places; null when none
 * @param keysNotJudged    the first keys with such reads; null when none
 * @param violationsByKind null unless FAIL
 * @param violations       the first reads that went back in time; null unless FAIL
 */
public record SessionOrderEvidence(int sessions, int keys, int readsChecked,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) Integer completionsWithoutInvoke,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) Integer invokesNeverCompleted,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) Integer readsNotJudged,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) List<KeyNotJudged> keysNotJudged,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Integer> violationsByKind,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) List<Violation> violations)
        implements Evidence {

    public record KeyNotJudged(String key, int readsNotJudged, long valuesWrittenMoreThanOnce) {
    }

    /**
     * A read that went back in time.
     *
     * @param kind       {@code stale read after own write} or {@code non-monotonic read}
     * @param operations the writes of both values, what the session saw before, and the read
     * @param seenBefore what told the session of the newer value
     */
    public record Violation(String kind, int process, String key, String explanation,
                            List<OperationEvidence> operations, OperationEvidence read, OperationEvidence seenBefore) {
    }

    /** A session that reads back in time was served a stale value: ZooKeeper promises it never is. */
    @Override
    public Judges judges() {
        return Judges.CORRECTNESS;
    }
}
