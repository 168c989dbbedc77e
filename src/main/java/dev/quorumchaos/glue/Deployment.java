package dev.quorumchaos.glue;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.history.History;
import dev.quorumchaos.platform.Target;
import dev.quorumchaos.report.Progress;
import dev.quorumchaos.service.Service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.awaitility.Awaitility.await;

/**
 * The scenario's ensemble: the target it runs on, the service and spec it was deployed with, how
 * long it took to reach quorum, the disruption budget it is held to, and at the end its teardown
 * or its hand-on to the next scenario.
 */
public final class Deployment {

    static final Duration FIRST_QUORUM_TIMEOUT = Duration.ofSeconds(60);

    private final ScenarioSettings settings;
    private final History history;
    private final List<Runnable> beforeDeploy = new ArrayList<>();
    private Target target;
    private Ensemble ensemble;
    private EnsembleSpec spec;
    private Service service;
    private Integer budget;
    private Long bootToQuorumMillis;

    public Deployment(ScenarioSettings settings, ScenarioClock clock) {
        this.settings = settings;
        this.history = clock.history();
    }

    public Target target() {
        if (target == null) {
            target = RunTargets.get(settings.run());
        }
        return target;
    }

    /** Runs {@code step} just before an ensemble is deployed (the teardown arms its Ctrl-C hook there). */
    void beforeDeploy(Runnable step) {
        beforeDeploy.add(step);
    }

    /** Deploys the service's ensemble and waits for its first quorum. */
    public Ensemble deploy(Service service, int size) {
        return deploy(service, size, null);
    }

    /**
     * Deploys the service's ensemble with its members at {@code version} (null: the service's
     * own) and waits for its first quorum: on the local target from that release's jars, on
     * Kubernetes from the image tagged with it.
     */
    public Ensemble deploy(Service service, int size, String version) {
        if (version != null && !version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw ChaosException.badInput("'" + version + "' is not a " + service.name()
                    + " release number: write it as three numbers, e.g. 3.8.4");
        }
        if (ensemble != null) {
            throw ChaosException.badInput("this scenario already has an ensemble of " + ensemble.size()
                    + " members; a scenario deploys one");
        }
        try {
            spec = EnsembleSpec.of(size).withRestartDelay(settings.run().restartDelay()).withVersion(version);
        } catch (IllegalArgumentException e) {
            throw ChaosException.badInput(e.getMessage());
        }
        long start = history.now();
        beforeDeploy.forEach(Runnable::run);
        ensemble = target().deploy(service, spec, history);
        this.service = service;
        Progress progress = settings.progress();
        boolean reused = ensemble.view().hasQuorum();
        ensemble.observer().addListener(new RoleChangePrinter(progress, history));
        String what = size + "-member " + service.name() + (version == null ? "" : " " + version) + " "
                + service.groupNoun();
        await("first quorum of the " + what + " on " + ensemble.targetName())
                .atMost(FIRST_QUORUM_TIMEOUT).pollInterval(Duration.ofMillis(10))
                .until(() -> ensemble.view().hasQuorum());
        bootToQuorumMillis = (history.now() - start) / 1_000_000;
        if (budget != null) {
            ensemble.budget(budget);
        }
        // like a StatefulSet rollout, the scenario starts once every member is ready
        await("every member of the " + what + " serving").atMost(FIRST_QUORUM_TIMEOUT)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> ensemble.view().states().stream().allMatch(s -> s.serving()) && ensemble.settled());
        history.markReady();
        progress.say(what + " on " + ensemble.targetName() + (reused
                ? " reused from the last scenario, its data emptied (leader: member "
                : " has quorum after " + bootToQuorumMillis + " ms (leader: member ")
                + ensemble.view().leader().orElse(-1) + ")");
        if (reused) {
            bootToQuorumMillis = null; // nothing booted: no figure rather than a misleading 0
        }
        return ensemble;
    }

    public Ensemble ensemble() {
        if (ensemble == null) {
            throw ChaosException.badInput("no ensemble yet: start the scenario with"
                    + " 'Given a 3-member ZooKeeper ensemble' or 'Given a 3-member etcd cluster'");
        }
        return ensemble;
    }

    public boolean hasEnsemble() {
        return ensemble != null;
    }

    /** The timings the ensemble was deployed with: waits that depend on how the service reacts derive from them. */
    public EnsembleSpec spec() {
        ensemble();
        return spec;
    }

    /** The service under test; the ensemble must be deployed. */
    public Service service() {
        ensemble();
        return service;
    }

    /** The ensemble's capability of this type (pods, links, nodes), asked for by its interface, never its class. */
    public <T> Optional<T> capability(Class<T> type) {
        Ensemble e = ensemble();
        return type.isInstance(e) ? Optional.of(type.cast(e)) : Optional.empty();
    }

    public Long bootToQuorumMillis() {
        return bootToQuorumMillis;
    }

    public void budget(int maxUnavailable) {
        if (maxUnavailable < 0) {
            throw ChaosException.badInput("a disruption budget cannot be negative: " + maxUnavailable);
        }
        this.budget = maxUnavailable;
        if (ensemble != null) {
            ensemble.budget(maxUnavailable);
        }
    }

    public OptionalInt budget() {
        return budget == null ? OptionalInt.empty() : OptionalInt.of(budget);
    }

    /** Tears the ensemble down, or hands it to the target for the next scenario when {@code handOn}. */
    void close(boolean handOn) {
        if (ensemble == null) {
            return;
        }
        if (handOn) {
            target().release(ensemble);
        } else {
            ensemble.close();
        }
    }
}
