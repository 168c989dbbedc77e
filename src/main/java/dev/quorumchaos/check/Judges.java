package dev.quorumchaos.check;

/**
 * What a check judges. A quorum service that loses an acknowledged write or serves a stale value
 * has lied to its client, which no uptime makes up for, so the report weighs correctness first.
 */
public enum Judges {
    CORRECTNESS, AVAILABILITY
}
