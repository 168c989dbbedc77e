package dev.quorumchaos.fault.scale;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.ensemble.Resizable;
import dev.quorumchaos.fault.FaultKind;
import dev.quorumchaos.fault.FaultSite;
import dev.quorumchaos.fault.KindFields;

import java.util.List;
import java.util.Map;

/**
 * {@code kind: scale} with {@code to: 5}: the ensemble grows or shrinks to that many members by
 * the service's own membership changes ({@link ScaleFault}); needs an ensemble that is
 * {@link Resizable}.
 */
public final class ScaleKind implements FaultKind {

    @Override
    public String name() {
        return ScaleFault.KIND;
    }

    @Override
    public List<String> fields() {
        return List.of("to");
    }

    @Override
    public boolean needsTarget(KindFields fields) {
        return false;
    }

    @Override
    public Map<String, String> options(KindFields fields) {
        String to = fields.string("to", null);
        if (to == null) {
            throw fields.error("to", "a scale fault needs 'to', the number of members to grow or shrink to");
        }
        try {
            int n = Integer.parseInt(to.trim());
            if (n < 1 || n > EnsembleSpec.MAX_SIZE) {
                throw fields.error("to", "'to' must be 1 to " + EnsembleSpec.MAX_SIZE + " members, not " + n);
            }
            return Map.of("to", String.valueOf(n));
        } catch (NumberFormatException e) {
            throw fields.error("to", "'to' must be a number of members, not '" + to + "'");
        }
    }

    @Override
    public String describe(String target, Map<String, String> options) {
        return "scale to " + options.get("to") + " members";
    }

    @Override
    public ScaleFault build(FaultSite site, List<Integer> members, Map<String, String> options, String description) {
        return to(site, Integer.parseInt(options.get("to")));
    }

    /** The fault that resizes the ensemble to {@code to}; skips where the ensemble cannot change its membership. */
    public static ScaleFault to(FaultSite site, int to) {
        Resizable resizable = site.capability(Resizable.class).orElseThrow(() -> site.skip("growing or shrinking"
                + " needs an ensemble whose membership can change; this one on the " + site.targetName()
                + " target cannot"));
        resizable.cannotResize().ifPresent(reason -> {
            throw site.skip("growing or shrinking: " + reason);
        });
        int from = site.refresh().size();
        if (to < 1 || to > EnsembleSpec.MAX_SIZE) {
            throw ChaosException.badInput("an ensemble has 1 to " + EnsembleSpec.MAX_SIZE + " members, not " + to);
        }
        if (to == from) {
            throw ChaosException.badInput("the ensemble already has " + from + " members");
        }
        return new ScaleFault(site, resizable, from, to);
    }
}
