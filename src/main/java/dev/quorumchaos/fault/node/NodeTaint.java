package dev.quorumchaos.fault.node;

import dev.quorumchaos.ChaosException;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A taint as {@code kubectl taint} writes it: {@code key[=value]:Effect}, e.g. {@code chaos=true:NoExecute}. */
public record NodeTaint(String key, String value, String effect) {

    private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    private static final Pattern FORM = Pattern.compile("([A-Za-z0-9./_-]+)(?:=([A-Za-z0-9._-]*))?:([A-Za-z]+)");

    public static NodeTaint parse(String spec) {
        Matcher m = FORM.matcher(spec.trim());
        if (!m.matches() || !EFFECTS.contains(m.group(3))) {
            throw ChaosException.badInput("'" + spec + "' is not a taint: write key[=value]:Effect with Effect one of "
                    + "NoSchedule, PreferNoSchedule, NoExecute (e.g. chaos=true:NoExecute)");
        }
        return new NodeTaint(m.group(1), m.group(2), m.group(3));
    }

    /**
     * Whether controllers own taints with this key (the node-lifecycle controller's
     * {@code node.kubernetes.io/not-ready}, {@code unreachable}, {@code unschedulable}, the
     * pressure taints; the cloud controller's): they add and remove them as conditions change,
     * beside the harness. {@code node.kubernetes.io/out-of-service} is the administrators'.
     */
    public static boolean controllerOwned(String key) {
        return (key.startsWith("node.kubernetes.io/") && !key.equals("node.kubernetes.io/out-of-service"))
                || key.startsWith("node.cloudprovider.kubernetes.io/");
    }

    public boolean controllerOwned() {
        return controllerOwned(key);
    }

    public Taint toTaint() {
        return new TaintBuilder().withKey(key).withValue(value).withEffect(effect).build();
    }

    /** Kubernetes identifies a taint by key and effect: a node has at most one of each pair. */
    public boolean sameAs(Taint taint) {
        return key.equals(taint.getKey()) && effect.equals(taint.getEffect());
    }

    @Override
    public String toString() {
        return key + (value == null ? "" : "=" + value) + ":" + effect;
    }
}
