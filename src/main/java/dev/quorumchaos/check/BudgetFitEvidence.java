package dev.quorumchaos.check;

import java.util.List;

/**
 * Whether the disruption budget left a quorum at every size the ensemble had.
 *
 * @param budget        how many members may be unavailable at once
 * @param sizes         each size the ensemble had, from when (ms since the scenario's start)
 * @param shortAtMs     when the ensemble first became too small for the budget, or null
 * @param shortSize     its size then, or null
 */
public record BudgetFitEvidence(int budget, List<Size> sizes, Long shortAtMs, Integer shortSize) implements Evidence {

    public record Size(int members, long fromMs, int majority) {
    }

    @Override
    public Judges judges() {
        return Judges.AVAILABILITY;
    }
}
