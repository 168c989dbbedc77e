package dev.quorumchaos.operation;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.EnsembleView;
import dev.quorumchaos.fault.Procedure;
import dev.quorumchaos.fault.FaultInjector;
import dev.quorumchaos.fault.FaultSite;
import dev.quorumchaos.history.MemberState;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * A rolling upgrade or restart, as an operator runs one: one member at a time, the whole ensemble
 * serving before the next member stops, so it never has more than one member down. Each member's
 * time away is a fault window ({@link MemberRestart}); the operation as a whole is one too, from
 * its first stop to its last member serving. A member that does not serve again within the plan's
 * time stops the operation there, with the members not yet taken named.
 */
public final class RollingOperation implements Procedure {

    private static final Duration POLL = Duration.ofMillis(50);

    private final MemberLifecycle lifecycle;
    private final FaultSite site;
    private final FaultInjector injector;
    private final RollingPlan plan;
    private final int size;
    private final List<MemberTurn> turns = new ArrayList<>();
    private volatile String stalled;

    /** Where the operation stopped short, with why; the scenario fails on it. */
    private static final class Stall extends RuntimeException {
        Stall(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Checks the plan against the ensemble and prepares the version (fetching its jars once);
     * nothing is stopped yet. A version the platform cannot run is bad input, named here.
     */
    public RollingOperation(MemberLifecycle lifecycle, FaultSite site, RollingPlan plan, int size) {
        if (plan.count() < 1) {
            throw ChaosException.badInput("a rolling " + (plan.upgrade() ? "upgrade" : "restart")
                    + " takes at least 1 member, not " + plan.count());
        }
        if (plan.count() != Integer.MAX_VALUE && plan.count() > size) {
            throw ChaosException.badInput("cannot upgrade " + plan.count() + " members: the " + lifecycle.serviceName()
                    + " ensemble has " + size);
        }
        this.lifecycle = lifecycle;
        this.site = site;
        this.injector = site.injector();
        this.plan = plan;
        this.size = size;
        if (plan.upgrade()) {
            lifecycle.prepare(plan.to());
        }
    }

    @Override
    public String kind() {
        return plan.kind();
    }

    @Override
    public String description() {
        String what = plan.upgrade()
                ? "rolling upgrade to " + lifecycle.serviceName() + " " + plan.to()
                : "rolling restart";
        String howMany = plan.count() == Integer.MAX_VALUE ? "" : " of " + plan.count() + " member(s)";
        return what + howMany + ", " + plan.order().phrase();
    }

    @Override
    public List<Integer> members() {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            all.add(i);
        }
        return all;
    }

    /**
     * Runs the operation to its end, or to the member that did not serve again in time: that is
     * the ensemble's failure, not the harness's, so it is kept for {@link #stalled()} and the
     * window still closes. The member turns it took are in {@link #turns()}.
     */
    @Override
    public void apply() {
        try {
            roll();
        } catch (Stall e) {
            stalled = e.getMessage();
        }
    }

    private void roll() {
        EnsembleView before = awaitWhole(null, plan.perMember(), "before the " + description());
        List<Integer> order = new ArrayList<>(plan.order().of(size, before));
        if (plan.upgrade()) {
            order.removeIf(m -> plan.to().equals(lifecycle.version(m))); // as a rollout skips pods already updated
        }
        List<Integer> taken = order.subList(0, Math.min(order.size(), plan.count()));
        site.say(description() + ": member(s) " + taken + " one at a time");
        if (taken.isEmpty()) {
            site.say("every member already runs " + lifecycle.serviceName() + " " + plan.to() + ": nothing to upgrade");
        }
        for (int i = 0; i < taken.size(); i++) {
            turn(taken.get(i), taken.subList(i + 1, taken.size()));
        }
    }

    private void turn(int member, List<Integer> after) {
        String role = site.refresh().state(member).label();
        // what the member says before it stops, so the report shows the change it answered, not a config
        String from = lifecycle.runningVersion(member).orElse(lifecycle.version(member));
        String to = plan.upgrade() ? plan.to() : lifecycle.version(member);
        String why = plan.upgrade() ? "upgrade to " + to : "restart";
        site.say("member " + member + " (" + role + ") stopping for " + why);
        long start = System.nanoTime();
        String id = injector.inject(new MemberRestart(lifecycle, member, to, plan.kind(),
                (plan.upgrade() ? "upgrade member " + member + " (" + role + ") from " + from + " to " + to
                        : "restart member " + member + " (" + role + ")")));
        lifecycle.start(member, to);
        awaitWhole(member, plan.perMember(), "after member " + member + "'s " + why
                + (after.isEmpty() ? "" : "; members " + after + " were not taken"));
        long awayMs = (System.nanoTime() - start) / 1_000_000;
        String answered = lifecycle.runningVersion(member).orElse("no answer");
        String seconds = String.format(Locale.ROOT, "%.1f", awayMs / 1000.0);
        injector.recover(id, "serves " + answered + " again after " + seconds + " s");
        turns.add(new MemberTurn(member, role, from, answered, awayMs));
        if (!to.equals(answered)) {
            throw new Stall("member " + member + " serves again but says it runs " + lifecycle.serviceName()
                    + " " + answered + ", not " + to + ": the " + why + " did not take"
                    + (after.isEmpty() ? "" : "; members " + after + " were not taken"));
        }
        site.say("member " + member + " serves " + answered + " again after " + seconds + " s");
    }

    /**
     * Waits until every member serves and a quorum stands (and {@code member}, if given, serves):
     * only then may the next member stop without taking more than one down.
     */
    private EnsembleView awaitWhole(Integer member, Duration atMost, String when) {
        AtomicReference<EnsembleView> last = new AtomicReference<>(site.refresh());
        try {
            await("every member serving " + when).atMost(atMost).pollInterval(POLL)
                    .until(() -> whole(last.updateAndGet(v -> site.refresh()), member));
        } catch (ConditionTimeoutException e) {
            throw new Stall("the " + lifecycle.serviceName() + " ensemble was not whole within "
                    + atMost.toSeconds() + " s " + when + ": " + last.get().describe());
        }
        return last.get();
    }

    private static boolean whole(EnsembleView view, Integer member) {
        return view.hasQuorum() && view.states().stream().allMatch(MemberState::serving)
                && (member == null || view.state(member).serving());
    }

    /** Starts every member still stopped, at the version it was set to run. */
    @Override
    public void recover() {
        for (int m = 0; m < size; m++) {
            if (!lifecycle.running(m)) {
                lifecycle.start(m, lifecycle.version(m));
            }
        }
    }

    @Override
    public String outcome() {
        if (stalled != null) {
            return "stopped short after " + turns.size() + " member(s)";
        }
        if (turns.isEmpty()) {
            return "no member to take";
        }
        return plan.upgrade() ? turns.size() + " member(s) upgraded, each serving " + plan.to() + " again"
                : turns.size() + " member(s) restarted, each serving again";
    }

    /** Why the operation stopped before its end (a member not serving again, or at the wrong version); empty when it ran through. */
    @Override
    public java.util.Optional<String> stalled() {
        return java.util.Optional.ofNullable(stalled);
    }

    /** The members taken so far, in order, with what each showed. */
    public List<MemberTurn> turns() {
        return List.copyOf(turns);
    }
}
