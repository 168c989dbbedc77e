package dev.quorumchaos.glue;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.target.Target;
import dev.quorumchaos.target.kubernetes.K3sTarget;
import dev.quorumchaos.target.kubernetes.KubernetesTarget;
import dev.quorumchaos.target.local.LocalTarget;
import io.cucumber.java.AfterAll;

import java.util.HashMap;
import java.util.Map;

/**
 * The targets of one run, shared by its scenarios: a k3s cluster takes a minute to start and
 * must not be started per scenario. This is the glue's only static state, on purpose: Cucumber
 * offers no run-scoped object, and {@link AfterAll} closes it when the run ends.
 */
public final class RunTargets {

    private static final Map<String, Target> TARGETS = new HashMap<>();

    private RunTargets() {
    }

    static synchronized Target get(RunSettings settings) {
        String key = settings.target() + "|" + settings.kubeconfig() + "|" + settings.context();
        return TARGETS.computeIfAbsent(key, k -> switch (settings.target()) {
            case "local" -> new LocalTarget();
            case "k3s" -> K3sTarget.create();
            case "kubeconfig" -> KubernetesTarget.fromKubeconfig(settings.kubeconfig(), settings.context());
            default -> throw ChaosException.badInput("unknown target '" + settings.target()
                    + "': choose local, k3s or kubeconfig");
        });
    }

    @AfterAll
    public static synchronized void closeAll() {
        RuntimeException failure = null;
        for (Target target : TARGETS.values()) {
            try {
                target.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        TARGETS.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
