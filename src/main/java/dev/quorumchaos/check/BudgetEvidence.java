package dev.quorumchaos.check;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Members unavailable at once against the disruption budget, over the whole scenario.
 *
 * @param maxUnavailable        the most members unavailable at once
 * @param graceMs               how long a member may not serve before it counts as unavailable
 * @param electionGraceMs       the same while an election runs
 * @param maxUnavailableAtMs    when the most were unavailable; null when none ever was
 * @param maxUnavailableMembers who they were; null when none ever was
 * @param firstExceededAtMs     null while the budget held
 * @param firstExceededAt       the same moment on the wall clock
 * @param exceededForMs         how long the budget was exceeded in all
 */
public record BudgetEvidence(int budget, int maxUnavailable, long graceMs, long electionGraceMs,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Long maxUnavailableAtMs,
                             @JsonInclude(JsonInclude.Include.NON_NULL) List<Integer> maxUnavailableMembers,
                             List<Window> unavailable,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Long firstExceededAtMs,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String firstExceededAt,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Long exceededForMs) implements Evidence {

    public BudgetEvidence {
        unavailable = unavailable == null ? List.of() : List.copyOf(unavailable);
    }

    /** A member unavailable from {@code fromMs} to {@code toMs}, in a state ({@code down}, {@code looking}). */
    public record Window(int member, String state, long fromMs, long toMs) {
    }

    @Override
    public Judges judges() {
        return Judges.AVAILABILITY;
    }
}
