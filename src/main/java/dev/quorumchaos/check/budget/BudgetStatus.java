package dev.quorumchaos.check.budget;

import java.time.Instant;

/** The PodDisruptionBudget's status as the disruption controller published it at {@code at}. */
public record BudgetStatus(Instant at, int disruptionsAllowed, int currentHealthy, int desiredHealthy, int expectedPods) {
}
