package dev.quorumchaos.check;

/**
 * A check that crashed: UNKNOWN, never PASS, with the exception.
 *
 * @param judges what the check that crashed would have judged
 */
public record CrashEvidence(String exception, Judges judges) implements Evidence {
}
