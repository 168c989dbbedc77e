package dev.quorumchaos.operation;

import dev.quorumchaos.fault.Fault;
import dev.quorumchaos.fault.FaultKind;
import dev.quorumchaos.fault.FaultSite;
import dev.quorumchaos.fault.KindFields;

import java.util.List;
import java.util.Map;

/**
 * {@code kind: rolling-upgrade} (with {@code to: 3.9.5}) and {@code kind: rolling-restart}, each
 * with an optional {@code order: ordinal | followers-first}: a {@link RollingOperation} over every
 * member. It names no target: it takes them all, one at a time.
 */
public final class RollingKind implements FaultKind {

    private final boolean upgrade;

    private RollingKind(boolean upgrade) {
        this.upgrade = upgrade;
    }

    public static RollingKind upgrade() {
        return new RollingKind(true);
    }

    public static RollingKind restart() {
        return new RollingKind(false);
    }

    @Override
    public String name() {
        return upgrade ? "rolling-upgrade" : "rolling-restart";
    }

    @Override
    public List<String> fields() {
        return upgrade ? List.of("to", "order") : List.of("order");
    }

    @Override
    public boolean needsTarget(KindFields fields) {
        return false;
    }

    @Override
    public Map<String, String> options(KindFields fields) {
        String order = fields.string("order", RollingOrder.ORDINAL.field());
        if (RollingOrder.ofField(order).isEmpty()) {
            throw fields.error("order", "unknown order '" + order + "'; expected "
                    + RollingOrder.ORDINAL.field() + " or " + RollingOrder.FOLLOWERS_FIRST.field());
        }
        if (!upgrade) {
            return Map.of("order", order);
        }
        String to = fields.string("to");
        if (!to.matches("\\d+\\.\\d+\\.\\d+")) {
            throw fields.error("to", "'" + to + "' is not a release number: write it as three numbers, e.g. 3.9.5");
        }
        return Map.of("order", order, "to", to);
    }

    @Override
    public String describe(String target, Map<String, String> options) {
        String order = RollingOrder.ofField(options.get("order")).orElseThrow().phrase();
        return upgrade ? "rolling upgrade to " + options.get("to") + ", " + order : "rolling restart, " + order;
    }

    @Override
    public Fault build(FaultSite site, List<Integer> members, Map<String, String> options, String description) {
        RollingOrder order = RollingOrder.ofField(options.get("order")).orElseThrow();
        java.util.Optional<ControllerRollout> rollout = site.capability(ControllerRollout.class);
        if (site.capability(MemberLifecycle.class).isEmpty() && rollout.isPresent()) {
            if (order == RollingOrder.FOLLOWERS_FIRST) {
                throw site.skip("on " + site.targetName() + " the StatefulSet controller picks the order of a rolling"
                        + " update (" + rollout.get().order() + "); followers first cannot be asked of it");
            }
            int size = site.refresh().size();
            return upgrade ? rollout.get().upgrade(options.get("to"), size, site) : rollout.get().restart(site);
        }
        MemberLifecycle lifecycle = site.capability(MemberLifecycle.class).orElseThrow(() -> site.skip(
                name() + " on " + site.targetName() + ": the platform can neither stop and start members nor roll"
                        + " them out"));
        RollingPlan plan = upgrade
                ? new RollingPlan(options.get("to"), order, Integer.MAX_VALUE, RollingPlan.PER_MEMBER)
                : RollingPlan.restart(order);
        return new RollingOperation(lifecycle, site, plan, site.refresh().size());
    }
}
