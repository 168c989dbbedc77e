package dev.quorumchaos.report.score;

/**
 * One measured part of availability, LitmusChaos-style: a weight and a success between 0 and 1.
 *
 * @param detail what was measured, for the report: {@code 1.29 s without quorum}
 */
public record Probe(String name, double weight, double success, String detail) {

    public Probe {
        success = Math.max(0, Math.min(1, success));
    }
}
