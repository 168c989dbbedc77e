package dev.quorumchaos.check.consistency;

import java.time.Duration;

/**
 * How much search one key may cost before the verdict becomes UNKNOWN instead of running on.
 * Linearizability checking is NP-complete in general, so every search needs a bound.
 *
 * @param maxConfigurations distinct (linearized set, register value) pairs the search may visit;
 *                          each costs about 40 bytes while the key is checked
 * @param maxTimePerKey     wall-clock time the search of one key may take
 */
public record SearchBudget(long maxConfigurations, Duration maxTimePerKey) {

    /** About 80 MB and 10 s at worst per key; a valid history needs one or two configurations per operation. */
    public static final SearchBudget DEFAULT = new SearchBudget(2_000_000, Duration.ofSeconds(10));

    public SearchBudget {
        if (maxConfigurations < 1 || maxTimePerKey.isNegative() || maxTimePerKey.isZero()) {
            throw new IllegalArgumentException("a search budget must be positive: " + maxConfigurations
                    + " configurations, " + maxTimePerKey);
        }
    }
}
