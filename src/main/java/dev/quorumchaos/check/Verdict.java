package dev.quorumchaos.check;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.Objects;

/**
 * What a check concluded and the evidence a person needs to believe it: which writes were lost,
 * which members were unavailable when, how long quorum was gone. The evidence is a record of the
 * check's kind; as JSON a verdict is {@code {name, verdict, summary, evidence, kind}}, the kind
 * naming the evidence's type so a reader knows its fields.
 */
@JsonPropertyOrder({"name", "verdict", "summary", "evidence"})
public record Verdict(@JsonProperty("name") String check, @JsonProperty("verdict") Outcome outcome, String summary,
                      @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXTERNAL_PROPERTY,
                              property = "kind", defaultImpl = OtherEvidence.class) Evidence evidence) {

    public Verdict {
        Objects.requireNonNull(evidence, "evidence");
    }

    public static Verdict pass(String check, String summary, Evidence evidence) {
        return new Verdict(check, Outcome.PASS, summary, evidence);
    }

    public static Verdict fail(String check, String summary, Evidence evidence) {
        return new Verdict(check, Outcome.FAIL, summary, evidence);
    }

    public static Verdict unknown(String check, String summary, Evidence evidence) {
        return new Verdict(check, Outcome.UNKNOWN, summary, evidence);
    }

    /** A check that crashed says UNKNOWN, never PASS. */
    public static Verdict crashed(String check, Judges judges, RuntimeException e) {
        return unknown(check, "the check itself failed: " + e, new CrashEvidence(String.valueOf(e), judges));
    }

    /**
     * A check of no known kind that crashed (the glue caught it): it counts against availability,
     * as a failed step does.
     */
    public static Verdict crashed(String check, RuntimeException e) {
        return crashed(check, Judges.AVAILABILITY, e);
    }

    /** The evidence as the kind the caller expects; a check's tests know which kind it gives. */
    public <E extends Evidence> E evidence(Class<E> kind) {
        if (!kind.isInstance(evidence)) {
            throw new IllegalStateException("the verdict of '" + check + "' carries " + evidence.getClass().getSimpleName()
                    + ", not " + kind.getSimpleName());
        }
        return kind.cast(evidence);
    }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }
}
