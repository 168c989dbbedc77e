package dev.quorumchaos.check;

import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MembershipChange;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether the disruption budget still leaves a quorum at every size the ensemble had: with
 * {@code n} members and a budget of {@code b}, the {@code n - b} members left when the budget is
 * spent must be a majority of {@code n}. A 3-member ensemble keeps a budget of 1; shrunk to 2, the
 * same budget lets one unavailable member take the quorum with it (a PodDisruptionBudget would
 * allow the eviction that does it).
 */
public final class BudgetFitCheck {

    private BudgetFitCheck() {
    }

    public static Verdict check(History history, int sizeNow, int budget) {
        String name = "the disruption budget of " + budget + " leaves a quorum";
        Membership membership = Membership.of(sizeNow, history);
        List<BudgetFitEvidence.Size> sizes = new ArrayList<>();
        sizes.add(size(membership.initial(), 0));
        for (MembershipChange c : membership.changes()) {
            sizes.add(size(c.to(), c.timeNanos() / 1_000_000));
        }
        for (BudgetFitEvidence.Size s : sizes) {
            if (s.members() - budget < s.majority()) {
                return Verdict.fail(name, "with " + s.members() + " members from " + s.fromMs() + " ms, " + budget
                        + " unavailable leave " + (s.members() - budget) + ", short of the majority of "
                        + s.majority(), new BudgetFitEvidence(budget, sizes, s.fromMs(), s.members()));
            }
        }
        return Verdict.pass(name, "every size the ensemble had (" + sizes.stream().map(s -> String.valueOf(s.members()))
                .reduce((a, b) -> a + ", " + b).orElse("") + ") keeps a majority with " + budget + " unavailable",
                new BudgetFitEvidence(budget, sizes, null, null));
    }

    private static BudgetFitEvidence.Size size(int members, long fromMs) {
        return new BudgetFitEvidence.Size(members, fromMs, members / 2 + 1);
    }
}
