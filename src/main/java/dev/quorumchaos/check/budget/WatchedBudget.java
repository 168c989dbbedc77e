package dev.quorumchaos.check.budget;

/**
 * An ensemble whose disruption budget is watched (a PodDisruptionBudget on Kubernetes): what it
 * saw, refused evictions and unready pods over time, is evidence for the drain checks.
 */
public interface WatchedBudget {

    BudgetObservations budgetObservations();
}
