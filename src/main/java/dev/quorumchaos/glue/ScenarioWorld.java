package dev.quorumchaos.glue;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.check.Verdict;
import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.ensemble.EnsembleView;
import dev.quorumchaos.fault.Fault;
import dev.quorumchaos.fault.FaultInjector;
import dev.quorumchaos.fault.catalog.FaultCatalog;
import dev.quorumchaos.history.History;
import dev.quorumchaos.report.Progress;
import dev.quorumchaos.target.Target;
import dev.quorumchaos.target.local.LocalTarget;
import dev.quorumchaos.workload.Workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

import static org.awaitility.Awaitility.await;

/**
 * Everything one scenario owns: its history, target, ensemble, faults, clients and verdicts.
 * PicoContainer creates one per scenario and hands it to every step class; expensive parts are
 * created on first use and closed by {@link Hooks} however the scenario ends.
 */
public final class ScenarioWorld {

    static final Duration FIRST_QUORUM_TIMEOUT = Duration.ofSeconds(60);
    static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);

    private final RunSettings settings = RunSettings.fromSystemProperties();
    private final History history = new History();
    private final Progress progress = Progress.to(System.out);
    private final List<Verdict> verdicts = new ArrayList<>();
    private Target target;
    private Ensemble ensemble;
    private FaultInjector faults;
    private Workload workload;
    private Integer budget;
    private Long bootToQuorumMillis;
    private Random random = new Random(0);
    private FaultCatalog catalog;
    private final Thread interrupted = new Thread(this::closeOnInterrupt, "scenario-interrupted");

    public History history() {
        return history;
    }

    public Progress progress() {
        return progress;
    }

    public RunSettings settings() {
        return settings;
    }

    /** Called before the first step: random choices depend on the run's seed and the scenario alone. */
    void begin(String scenarioName) {
        random = CatalogFaults.seeded(settings.seed(), scenarioName);
    }

    public Random random() {
        return random;
    }

    public FaultCatalog catalog() {
        if (catalog == null) {
            catalog = FaultCatalog.load(settings.faultsDir());
        }
        return catalog;
    }

    /** Node faults need a target with nodes; elsewhere the scenario is skipped, with the reason, never passed. */
    public void nodeFaultsOrSkip(String what) {
        if (!target().hasNodes()) {
            throw CatalogFaults.needsNodes(what, target().name());
        }
    }

    public void letTimePass(Duration duration) {
        await("the scenario's " + duration.toMillis() + " ms wait").pollDelay(duration)
                .atMost(duration.plusSeconds(5)).until(() -> true);
    }

    public Target target() {
        if (target == null) {
            target = switch (settings.target()) {
                case "local" -> new LocalTarget();
                default -> throw ChaosException.badInput("target '" + settings.target() + "' is not available"
                        + " in this build; use --target local");
            };
        }
        return target;
    }

    /** Deploys the ensemble and waits for its first quorum. */
    public Ensemble deploy(int size) {
        if (ensemble != null) {
            throw ChaosException.badInput("this scenario already has an ensemble of " + ensemble.size()
                    + " members; a scenario deploys one");
        }
        EnsembleSpec spec;
        try {
            spec = EnsembleSpec.of(size).withRestartDelay(settings.restartDelay());
        } catch (IllegalArgumentException e) {
            throw ChaosException.badInput(e.getMessage());
        }
        long start = history.now();
        Runtime.getRuntime().addShutdownHook(interrupted);
        ensemble = target().deploy(spec, history);
        ensemble.observer().addListener(new RoleChangePrinter(progress, history));
        faults = new FaultInjector(history, ensemble.members(), progress);
        await("first quorum of the " + size + "-member ensemble on " + ensemble.targetName())
                .atMost(FIRST_QUORUM_TIMEOUT).pollInterval(Duration.ofMillis(10))
                .until(() -> ensemble.view().hasQuorum());
        bootToQuorumMillis = (history.now() - start) / 1_000_000;
        // like a StatefulSet rollout, the scenario starts once every member is ready
        await("every member of the " + size + "-member ensemble serving").atMost(FIRST_QUORUM_TIMEOUT)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> ensemble.view().states().stream().allMatch(s -> s.serving()));
        history.markReady();
        progress.say(size + "-member ensemble on " + ensemble.targetName() + " has quorum after " + bootToQuorumMillis
                + " ms (leader: member " + ensemble.view().leader().orElse(-1) + ")");
        return ensemble;
    }

    public Ensemble ensemble() {
        if (ensemble == null) {
            throw ChaosException.badInput("no ensemble yet: start the scenario with"
                    + " 'Given a 3-member ZooKeeper ensemble'");
        }
        return ensemble;
    }

    public boolean hasEnsemble() {
        return ensemble != null;
    }

    public Workload workload() {
        if (workload == null) {
            workload = new Workload(ensemble(), history);
        }
        return workload;
    }

    public boolean hasWorkload() {
        return workload != null && workload.running();
    }

    public String inject(Fault fault) {
        ensemble();
        return faults.inject(fault);
    }

    public FaultInjector faults() {
        ensemble();
        return faults;
    }

    /** The current leader; waits for one if an election is under way. */
    public int leader() {
        await("a leader to kill or pause").atMost(LEADER_TIMEOUT).pollInterval(Duration.ofMillis(10))
                .until(() -> ensemble().view().leader().isPresent());
        return ensemble().view().leader().getAsInt();
    }

    public List<Integer> followers(int count) {
        leader();
        EnsembleView view = ensemble().refresh();
        List<Integer> followers = view.followers();
        if (followers.size() < count) {
            throw new ChaosException("cannot pick " + count + " followers: the ensemble has " + followers.size()
                    + " now (" + view.describe() + ")");
        }
        return followers.subList(0, count);
    }

    public int member(int ordinal) {
        if (ordinal < 0 || ordinal >= ensemble().size()) {
            throw ChaosException.badInput("there is no member " + ordinal + ": members of this "
                    + ensemble().size() + "-member ensemble are numbered 0 to " + (ensemble().size() - 1));
        }
        return ordinal;
    }

    public void budget(int maxUnavailable) {
        if (maxUnavailable < 0) {
            throw ChaosException.badInput("a disruption budget cannot be negative: " + maxUnavailable);
        }
        this.budget = maxUnavailable;
    }

    public OptionalInt budget() {
        return budget == null ? OptionalInt.empty() : OptionalInt.of(budget);
    }

    public Long bootToQuorumMillis() {
        return bootToQuorumMillis;
    }

    public void verdict(Verdict verdict) {
        verdicts.add(verdict);
        progress.say("check " + verdict.check() + ": " + verdict.outcome().name() + " - " + verdict.summary());
    }

    public List<Verdict> verdicts() {
        return List.copyOf(verdicts);
    }

    /** Ctrl-C or SIGTERM mid-scenario: recover and tear down before the JVM goes. */
    private void closeOnInterrupt() {
        System.err.println("chaos: interrupted: recovering faults " + (faults == null ? "[]" : faults.activeFaults())
                + " and stopping the ensemble");
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("chaos: recovery after the interrupt failed: " + e.getMessage());
        }
    }

    /** Recovers faults, stops clients, tears the ensemble down; reports every failure, in order. */
    synchronized void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(interrupted);
        } catch (IllegalStateException shuttingDown) {
            // this is the hook running, or the JVM is going down anyway
        }
        List<RuntimeException> failures = new ArrayList<>();
        run(failures, () -> {
            if (faults != null) {
                faults.close();
            }
        });
        run(failures, () -> {
            if (workload != null) {
                workload.close();
            }
        });
        run(failures, () -> {
            if (ensemble != null) {
                ensemble.close();
            }
        });
        run(failures, () -> {
            if (target != null) {
                target.close();
            }
        });
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    private static void run(List<RuntimeException> failures, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }
}
