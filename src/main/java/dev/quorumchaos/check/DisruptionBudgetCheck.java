package dev.quorumchaos.check;

import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.history.History;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        List<Unavailability.Window> windows = Unavailability.windows(size, history.stateChanges(), history.readyNanos(),
                nowNanos, grace);
        Unavailability.Peak max = Unavailability.max(windows);
        List<Unavailability.Peak> over = Unavailability.over(windows, budget);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("budget", budget);
        evidence.put("maxUnavailable", max.members());
        evidence.put("graceMs", grace.notServing().toMillis());
        evidence.put("electionGraceMs", grace.electing().toMillis());
        if (max.members() > 0) {
            evidence.put("maxUnavailableAtMs", max.startNanos() / 1_000_000);
            evidence.put("maxUnavailableMembers", max.who());
        }
        List<Map<String, Object>> unavailable = new ArrayList<>();
        for (Unavailability.Window w : windows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("member", w.member());
            m.put("state", w.state().label());
            m.put("fromMs", w.startNanos() / 1_000_000);
            m.put("toMs", w.endNanos() / 1_000_000);
            unavailable.add(m);
        }
        evidence.put("unavailable", unavailable);
        if (!over.isEmpty()) {
            Unavailability.Peak first = over.get(0);
            long overMs = over.stream().mapToLong(p -> (p.endNanos() - p.startNanos()) / 1_000_000).sum();
            evidence.put("firstExceededAtMs", first.startNanos() / 1_000_000);
            evidence.put("firstExceededAt", history.wallClock(first.startNanos()).toString());
            evidence.put("exceededForMs", overMs);
            return Verdict.fail(name, "budget exceeded: " + first.members() + " members " + first.who()
                    + " unavailable at once at " + first.startNanos() / 1_000_000 + " ms ("
                    + history.wallClock(first.startNanos()) + "), " + overMs + " ms over budget in all", evidence);
        }
        return Verdict.pass(name, "at most " + max.members() + " member(s) unavailable at once, budget "
                + budget, evidence);
    }
}
