package dev.quorumchaos.report.score;

/**
 * What the correctness checks (durability, linearizability) concluded, and the factor by which
 * that scales the score. Ordered from best to worst so the worst of several is the maximum.
 */
public enum Correctness {
    NOT_CHECKED(1.0, "not checked"),
    KEPT(1.0, "kept"),
    UNKNOWN(0.5, "unknown"),
    VIOLATED(0.2, "violated");

    private final double factor;
    private final String label;

    Correctness(double factor, String label) {
        this.factor = factor;
        this.label = label;
    }

    public double factor() {
        return factor;
    }

    public String label() {
        return label;
    }

    public Correctness worse(Correctness other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
