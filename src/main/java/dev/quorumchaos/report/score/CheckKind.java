package dev.quorumchaos.report.score;

import dev.quorumchaos.report.results.CheckResult;

import java.util.List;
import java.util.Locale;

/**
 * Whether a check judges correctness (were acknowledged writes kept, is the history
 * linearizable) or availability (quorum, budget). Told from the evidence the check carries,
 * then from its name, so a new correctness check counts as one without a change here when it
 * reports the usual evidence keys.
 */
public enum CheckKind {
    CORRECTNESS, AVAILABILITY;

    private static final List<String> CORRECTNESS_EVIDENCE =
            List.of("lostWrites", "unexpected", "failedButPresent", "linearizable", "anomalies");
    private static final List<String> CORRECTNESS_WORDS =
            List.of("lost", "linearizab", "durab", "consisten", "serializab", "stale read", "monoton");

    public static CheckKind of(CheckResult check) {
        if (CORRECTNESS_EVIDENCE.stream().anyMatch(check.evidence()::containsKey)) {
            return CORRECTNESS;
        }
        String name = check.name().toLowerCase(Locale.ROOT);
        return CORRECTNESS_WORDS.stream().anyMatch(name::contains) ? CORRECTNESS : AVAILABILITY;
    }
}
