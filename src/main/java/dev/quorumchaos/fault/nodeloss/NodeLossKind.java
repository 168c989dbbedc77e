package dev.quorumchaos.fault.nodeloss;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.fault.FaultKind;
import dev.quorumchaos.fault.FaultSite;
import dev.quorumchaos.fault.KindFields;
import dev.quorumchaos.fault.node.NodeHosting;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kind: node-loss}: the node hosting a member loses its kubelet ({@link NodeLoss}) for
 * {@code duration} (or until the scenario ends), and optionally the run's pods on it are
 * force-deleted after {@code force-delete-after}. Kubernetes only; on a cluster the harness did
 * not create, only with {@code --allow-node-loss}.
 */
public final class NodeLossKind implements FaultKind {

    static final String FORCE_DELETE_AFTER = "force-delete-after";
    private static final Pattern SECONDS = Pattern.compile("(\\d+)\\s*(s|m)");

    @Override
    public String name() {
        return "node-loss";
    }

    @Override
    public Victim victim() {
        return Victim.NODE;
    }

    @Override
    public List<String> fields() {
        return List.of("duration", FORCE_DELETE_AFTER);
    }

    @Override
    public Map<String, String> options(KindFields fields) {
        Map<String, String> options = new HashMap<>();
        if (fields.has(FORCE_DELETE_AFTER)) {
            String text = fields.string(FORCE_DELETE_AFTER);
            Matcher m = SECONDS.matcher(text.trim());
            if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
                throw fields.error(FORCE_DELETE_AFTER, "force-delete-after is a time after the node was lost, e.g. '30s'"
                        + " or '2m', not '" + text + "'");
            }
            long seconds = Long.parseLong(m.group(1)) * ("m".equals(m.group(2)) ? 60 : 1);
            options.put(FORCE_DELETE_AFTER, Long.toString(seconds));
        }
        return Map.copyOf(options);
    }

    @Override
    public String describe(String target, Map<String, String> options) {
        return "lose " + target + (options.containsKey(FORCE_DELETE_AFTER)
                ? " (its pods force-deleted after " + options.get(FORCE_DELETE_AFTER) + " s)" : "");
    }

    @Override
    public NodeLoss build(FaultSite site, List<Integer> members, Map<String, String> options, String description) {
        String after = options.get(FORCE_DELETE_AFTER);
        return lose(site, FaultKind.one(members, description), after == null ? null : Duration.ofSeconds(Long.parseLong(after)));
    }

    /**
     * The loss of the node hosting {@code member}: skipped where there are no nodes, or the node
     * is one this platform cannot lose; refused (bad input) where the platform refuses node loss,
     * or the node runs other namespaces' pods on a cluster the harness did not create.
     *
     * @param forceDeleteAfter null for never
     */
    public NodeLoss lose(FaultSite site, int member, Duration forceDeleteAfter) {
        NodeHosting hosting = NodeHosting.of(site, "losing a node");
        LosableNodes nodes = site.capability(LosableNodes.class).orElseThrow(() -> NodeHosting.missing(site, "losing a node"));
        Kubelets kubelets = site.capability(Kubelets.class).orElseThrow(() -> site.skip("losing a node needs a way to stop"
                + " its kubelet; the " + site.targetName() + " target has none"));
        kubelets.refusal().ifPresent(reason -> {
            throw ChaosException.badInput(reason);
        });
        hosting.refuseSharedNode("lose", member, site.allowsSharedNodes());
        String node = nodes.nodeOf(member);
        kubelets.cannotLose(node).ifPresent(reason -> {
            throw site.skip(reason);
        });
        return new NodeLoss(nodes, kubelets, site.history(), site::say, node, member, forceDeleteAfter, NodeLoss.POLL);
    }
}
