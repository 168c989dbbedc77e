package dev.quorumchaos.glue;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.check.Verdict;
import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.ensemble.EnsembleView;
import dev.quorumchaos.fault.Fault;
import dev.quorumchaos.fault.FaultInjector;
import dev.quorumchaos.fault.catalog.FaultCatalog;
import dev.quorumchaos.fault.pod.PodDeletion;
import dev.quorumchaos.history.History;
import dev.quorumchaos.report.Progress;
import dev.quorumchaos.report.RunLog;
import dev.quorumchaos.service.Service;
import dev.quorumchaos.platform.Target;
import dev.quorumchaos.fault.node.DrainOptions;
import dev.quorumchaos.fault.node.NodeFault;
import dev.quorumchaos.fault.node.NodeFaults;
import dev.quorumchaos.fault.node.NodeTaint;
import dev.quorumchaos.platform.kubernetes.KubernetesEnsemble;
import dev.quorumchaos.settings.RunSettings;
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

    private final RunSettings settings = RunSettings.fromSystem();
    private final History history = new History();
    private final Progress progress = Progress.to(System.out);
    private final List<Verdict> verdicts = new ArrayList<>();
    private Target target;
    private Ensemble ensemble;
    private EnsembleSpec spec;
    private Service service;
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
        if (!target().hasNodes() || !(ensemble() instanceof KubernetesEnsemble)) {
            throw CatalogFaults.needsNodes(what, target().name());
        }
    }

    /** Pods to delete; elsewhere the scenario is skipped, with the reason. */
    public PodDeletion podsOrSkip(String what) {
        if (ensemble() instanceof PodDeletion pods) {
            return pods;
        }
        throw new org.opentest4j.TestAbortedException("skipped: " + what + " needs Kubernetes pods; the "
                + target().name() + " target has none");
    }

    /** Taint, cordon or drain the node hosting {@code member}; skips the scenario where there are no nodes. */
    public String injectNodeFault(String kind, int member, String taint, DrainOptions drain) {
        nodeFaultsOrSkip(kind + " a node");
        KubernetesEnsemble k8s = (KubernetesEnsemble) ensemble();
        // on a cluster the harness did not create, a node fault must not hit other people's pods
        if ("kubeconfig".equals(settings.target())) {
            k8s.refuseSharedNode(kind, member(member), settings.allowSharedNodes());
        }
        if (taint != null && NodeTaint.parse(taint).controllerOwned()) {
            progress.say("warning: " + NodeTaint.parse(taint).key() + " is a taint key the node controllers own: they may"
                    + " remove the taint, or add it themselves, while the fault holds; recovery removes only the taint"
                    + " the harness added");
        }
        NodeFaults nodes = k8s.nodeFaults();
        return inject(switch (kind) {
            case "taint" -> nodes.taint(member(member), taint);
            case "cordon" -> nodes.cordon(member(member));
            case "drain" -> nodes.drain(member(member), drain == null ? DrainOptions.defaults() : drain);
            default -> throw new ChaosException("no node fault '" + kind + "'");
        });
    }

    public String injectNodeFault(String kind, int member, String taint) {
        return injectNodeFault(kind, member, taint, null);
    }

    /**
     * Ends the node faults still in place that {@code which} selects (the taint on the node that
     * hosted member 1, every cordon...), as a person untaints or uncordons a node; returns how
     * many ended.
     */
    public int endNodeFaults(java.util.function.Predicate<NodeFault> which, String why) {
        nodeFaultsOrSkip("ending a node fault");
        int ended = 0;
        for (var entry : faults().active().entrySet()) {
            if (entry.getValue() instanceof NodeFault node && which.test(node)) {
                faults().recover(entry.getKey(), why);
                ended++;
            }
        }
        return ended;
    }

    /** What the PodDisruptionBudget saw: refused evictions, unready pods over time. */
    public dev.quorumchaos.check.budget.BudgetObservations budgetObservations() {
        nodeFaultsOrSkip("checking a drain");
        return ((KubernetesEnsemble) ensemble()).disruptionBudget().observations();
    }

    public void letTimePass(Duration duration) {
        await("the scenario's " + duration.toMillis() + " ms wait").pollDelay(duration)
                .atMost(duration.plusSeconds(5)).until(() -> true);
    }

    public Target target() {
        if (target == null) {
            target = RunTargets.get(settings);
        }
        return target;
    }

    /** Deploys the service's ensemble and waits for its first quorum. */
    public Ensemble deploy(Service service, int size) {
        if (ensemble != null) {
            throw ChaosException.badInput("this scenario already has an ensemble of " + ensemble.size()
                    + " members; a scenario deploys one");
        }
        try {
            spec = EnsembleSpec.of(size).withRestartDelay(settings.restartDelay());
        } catch (IllegalArgumentException e) {
            throw ChaosException.badInput(e.getMessage());
        }
        long start = history.now();
        Runtime.getRuntime().addShutdownHook(interrupted);
        ensemble = target().deploy(service, spec, history);
        this.service = service;
        boolean reused = ensemble.view().hasQuorum();
        ensemble.observer().addListener(new RoleChangePrinter(progress, history));
        faults = new FaultInjector(history, ensemble.members(), progress);
        String what = size + "-member " + service.name() + " " + service.groupNoun();
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

    /** The timings the ensemble was deployed with: waits that depend on how ZooKeeper reacts derive from them. */
    public EnsembleSpec spec() {
        ensemble();
        return spec;
    }

    /** The service under test; the ensemble must be deployed. */
    public Service service() {
        ensemble();
        return service;
    }

    public boolean hasEnsemble() {
        return ensemble != null;
    }

    public Workload workload() {
        if (workload == null) {
            workload = new Workload(ensemble(), service.clients(ensemble(), history), history);
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

    /** Whether a quorum serves now, judged on the leader's side of any partition in place. */
    public boolean quorumNow() {
        return ensemble().view().hasQuorum(
                dev.quorumchaos.check.QuorumTimeline.activeCuts(history.faultEvents(), history.now()));
    }

    /** What the platform or the service says about each member not serving now. */
    public java.util.Map<Integer, String> whyUnavailable() {
        java.util.Map<Integer, String> why = new java.util.TreeMap<>();
        List<dev.quorumchaos.history.MemberState> states = ensemble().view().states();
        for (int i = 0; i < states.size(); i++) {
            if (!states.get(i).serving()) {
                int member = i;
                ensemble().whyUnavailable(i).ifPresent(reason -> why.put(member, reason));
            }
        }
        return why;
    }

    /** The current leader; waits for one if an election is under way. */
    public int leader() {
        await("a leader to kill or pause").atMost(LEADER_TIMEOUT).pollInterval(Duration.ofMillis(10))
                .until(() -> ensemble().view().leader().isPresent());
        return ensemble().view().leader().getAsInt();
    }

    /**
     * The first {@code count} followers; waits, as for a leader, while members are too busy to say
     * what they are (a loaded machine stalls them all at once).
     */
    public List<Integer> followers(int count) {
        if (count > ensemble().size() - 1) {
            throw ChaosException.badInput("cannot pick " + count + " followers: a " + ensemble().size()
                    + "-member ensemble has at most " + (ensemble().size() - 1));
        }
        leader();
        java.util.concurrent.atomic.AtomicReference<EnsembleView> view =
                new java.util.concurrent.atomic.AtomicReference<>(ensemble().refresh());
        try {
            await(count + " followers to pick").atMost(LEADER_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> view.updateAndGet(v -> v.followers().size() >= count ? v : ensemble().refresh())
                            .followers().size() >= count);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new ChaosException("cannot pick " + count + " followers: not as many within "
                    + LEADER_TIMEOUT.toSeconds() + " s (last seen: " + view.get().describe() + ")");
        }
        return view.get().followers().subList(0, count);
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
        if (ensemble != null) {
            ensemble.budget(maxUnavailable);
        }
    }

    public OptionalInt budget() {
        return budget == null ? OptionalInt.empty() : OptionalInt.of(budget);
    }

    public Long bootToQuorumMillis() {
        return bootToQuorumMillis;
    }

    /** Partitions applied in this scenario, by fault id, for the minority check. */
    private final java.util.Map<String, dev.quorumchaos.fault.partition.PartitionShape> partitions =
            new java.util.LinkedHashMap<>();

    public String partition(dev.quorumchaos.fault.partition.PartitionShape shape,
                            dev.quorumchaos.fault.partition.LinkBehaviour behaviour) {
        if (!(ensemble() instanceof dev.quorumchaos.fault.partition.Partitionable links)) {
            throw new org.opentest4j.TestAbortedException("skipped: " + shape.description() + " needs links to cut;"
                    + " this ensemble on the " + target().name() + " target has none");
        }
        java.util.Optional<String> cannot = links.cannot(behaviour);
        if (cannot.isPresent()) {
            throw new org.opentest4j.TestAbortedException("skipped: " + cannot.get());
        }
        String id = inject(links.partition(shape, behaviour));
        partitions.put(id, shape);
        return id;
    }

    /** Recovers every partition still in place. */
    public void healPartitions() {
        for (String id : partitions.keySet()) {
            faults().recover(id, "the network heals");
        }
    }

    /** Members cut off from every majority by a partition still in place. */
    public java.util.Set<Integer> strandedMembers() {
        java.util.Set<String> active = new java.util.HashSet<>();
        for (dev.quorumchaos.history.FaultEvent e : history.faultEvents()) {
            if (e.phase() == dev.quorumchaos.history.FaultEvent.Phase.APPLY) {
                active.add(e.faultId());
            } else {
                active.remove(e.faultId());
            }
        }
        java.util.Set<Integer> stranded = new java.util.TreeSet<>();
        partitions.forEach((id, shape) -> {
            if (active.contains(id)) {
                stranded.addAll(shape.stranded());
            }
        });
        return stranded;
    }

    /** Each partition's window (to now while it holds) and the members it stranded. */
    public List<dev.quorumchaos.check.MinorityWritesCheck.Window> partitionWindows() {
        List<dev.quorumchaos.check.MinorityWritesCheck.Window> windows = new ArrayList<>();
        partitions.forEach((id, shape) -> {
            long from = -1;
            long to = history.now();
            for (dev.quorumchaos.history.FaultEvent e : history.faultEvents()) {
                if (e.faultId().equals(id)) {
                    if (e.phase() == dev.quorumchaos.history.FaultEvent.Phase.APPLY) {
                        from = e.timeNanos();
                    } else {
                        to = e.timeNanos();
                    }
                }
            }
            if (from >= 0) {
                windows.add(new dev.quorumchaos.check.MinorityWritesCheck.Window(shape.description(), from, to,
                        shape.stranded()));
            }
        });
        return windows;
    }

    /** Records the verdict; a check that crashes says UNKNOWN, and anything but PASS fails the step. */
    public void judge(java.util.function.Supplier<Verdict> check) {
        Verdict verdict;
        try {
            verdict = check.get();
        } catch (ChaosException e) {
            throw e;
        } catch (RuntimeException e) {
            verdict = Verdict.crashed("check", e);
        }
        verdict(verdict);
        if (!verdict.passed()) {
            throw new AssertionError(verdict.outcome() + ": " + verdict.check() + ": " + verdict.summary());
        }
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

    /**
     * Recovers faults, stops clients, tears the ensemble down. A fault not recovered is a real
     * failure and is thrown; the rest is the harness tidying up after the verdicts, where a
     * failure is a warning in the run's log and never fails the scenario.
     */
    synchronized void close() {
        close(false);
    }

    /** @param passed whether the scenario passed, so that its ensemble may be handed on */
    synchronized void close(boolean passed) {
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
        RunLog log = RunLog.at(settings.runLog());
        log.tidyUp("stopping the clients", () -> {
            if (workload != null) {
                workload.close();
            }
        });
        log.tidyUp("tearing down the ensemble", () -> {
            if (ensemble != null) {
                // a passed scenario's ensemble may serve the next one; anything else is torn down
                if (failures.isEmpty() && passed) {
                    target().release(ensemble);
                } else {
                    ensemble.close();
                }
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
