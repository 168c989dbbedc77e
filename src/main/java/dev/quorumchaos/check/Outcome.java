package dev.quorumchaos.check;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A check's verdict. Merging keeps the worst: FAIL beats UNKNOWN beats PASS. */
public enum Outcome {
    PASS, UNKNOWN, FAIL;

    public Outcome merge(Outcome other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** {@code pass}, {@code fail} or {@code unknown}, as {@code results.json} has it. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Outcome of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
