package dev.quorumchaos.check;

/** A check's verdict. Merging keeps the worst: FAIL beats UNKNOWN beats PASS. */
public enum Outcome {
    PASS, UNKNOWN, FAIL;

    public Outcome merge(Outcome other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
