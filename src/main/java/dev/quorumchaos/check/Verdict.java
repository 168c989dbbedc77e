package dev.quorumchaos.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a check concluded and the evidence a person needs to believe it: which writes were lost,
 * which members were unavailable when, how long quorum was gone. Evidence values are plain data
 * (strings, numbers, lists, maps) so reports can render and serialise them as they are.
 */
public record Verdict(String check, Outcome outcome, String summary, Map<String, Object> evidence) {

    public Verdict {
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    public static Verdict pass(String check, String summary, Map<String, Object> evidence) {
        return new Verdict(check, Outcome.PASS, summary, evidence);
    }

    public static Verdict fail(String check, String summary, Map<String, Object> evidence) {
        return new Verdict(check, Outcome.FAIL, summary, evidence);
    }

    public static Verdict unknown(String check, String summary, Map<String, Object> evidence) {
        return new Verdict(check, Outcome.UNKNOWN, summary, evidence);
    }

    /** A check that crashed says UNKNOWN, never PASS. */
    public static Verdict crashed(String check, RuntimeException e) {
        return unknown(check, "the check itself failed: " + e, Map.of("exception", String.valueOf(e)));
    }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }
}
