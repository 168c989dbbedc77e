package dev.quorumchaos.check;

import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.history.History;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The disruption budget, as a PodDisruptionBudget's {@code maxUnavailable}: over the whole
 * scenario, never more than {@code budget} members unavailable at once.
 */
public final class DisruptionBudgetCheck {

    /** The grace of an ensemble with the default timings (tickTime 500 ms, initLimit 10). */
    public static final Unavailability.Grace DEFAULT_GRACE = Unavailability.Grace.of(EnsembleSpec.of(1));

    private DisruptionBudgetCheck() {
    }

    public static Verdict check(History history, int size, int budget, Duration grace, long nowNanos) {
        return check(history, size, budget, Unavailability.Grace.uniform(grace), nowNanos);
    }

    public static Verdict check(History history, int size, int budget, Unavailability.Grace grace, long nowNanos) {
        String name = "disruption budget of " + budget;
        List<Unavailability.Window> windows = Unavailability.windows(Membership.of(size, history), history.stateChanges(), history.readyNanos(),
                nowNanos, grace);
        Unavailability.Peak max = Unavailability.max(windows);
        List<Unavailability.Peak> over = Unavailability.over(windows, budget);
        List<BudgetEvidence.Window> unavailable = new ArrayList<>();
        for (Unavailability.Window w : windows) {
            unavailable.add(new BudgetEvidence.Window(w.member(), w.state().label(), w.startNanos() / 1_000_000,
                    w.endNanos() / 1_000_000));
        }
        Long maxAt = max.members() > 0 ? max.startNanos() / 1_000_000 : null;
        List<Integer> maxWho = max.members() > 0 ? max.who() : null;
        if (!over.isEmpty()) {
            Unavailability.Peak first = over.get(0);
            long overMs = over.stream().mapToLong(p -> (p.endNanos() - p.startNanos()) / 1_000_000).sum();
            BudgetEvidence evidence = new BudgetEvidence(budget, max.members(), grace.notServing().toMillis(),
                    grace.electing().toMillis(), maxAt, maxWho, unavailable, first.startNanos() / 1_000_000,
                    history.wallClock(first.startNanos()).toString(), overMs);
            return Verdict.fail(name, "budget exceeded: " + first.members() + " members " + first.who()
                    + " unavailable at once at " + first.startNanos() / 1_000_000 + " ms ("
                    + history.wallClock(first.startNanos()) + "), " + overMs + " ms over budget in all", evidence);
        }
        BudgetEvidence evidence = new BudgetEvidence(budget, max.members(), grace.notServing().toMillis(),
                grace.electing().toMillis(), maxAt, maxWho, unavailable, null, null, null);
        return Verdict.pass(name, "at most " + max.members() + " member(s) unavailable at once, budget "
                + budget, evidence);
    }
}
