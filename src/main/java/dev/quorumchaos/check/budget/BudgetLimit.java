package dev.quorumchaos.check.budget;

import java.time.Instant;

/** From {@code at} on, the PodDisruptionBudget allowed {@code maxUnavailable} members to be unavailable. */
public record BudgetLimit(Instant at, int maxUnavailable) {
}
