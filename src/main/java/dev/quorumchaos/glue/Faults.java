package dev.quorumchaos.glue;

import dev.quorumchaos.ensemble.EnsembleView;
import dev.quorumchaos.ensemble.MemberControl;
import dev.quorumchaos.fault.Fault;
import dev.quorumchaos.fault.FaultInjector;
import dev.quorumchaos.fault.FaultSite;
import dev.quorumchaos.fault.catalog.FaultCatalog;
import dev.quorumchaos.fault.node.NodeFault;
import dev.quorumchaos.fault.node.NodeHosting;
import dev.quorumchaos.fault.partition.LinkBehaviour;
import dev.quorumchaos.fault.partition.PartitionKind;
import dev.quorumchaos.fault.partition.PartitionShape;
import dev.quorumchaos.fault.partition.ShapedPartition;
import dev.quorumchaos.fault.scale.ScaleFault;
import org.opentest4j.TestAbortedException;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * The scenario's faults: the injector that applies and recovers them, where they land (a
 * {@link FaultSite} over the deployment), the partitions among them, and the fault catalog.
 */
public final class Faults {

    private final ScenarioSettings settings;
    private final ScenarioClock clock;
    private final Deployment deployment;
    private final Partitions partitions;
    private final FaultSite site = new Site();
    private FaultInjector injector;
    private FaultCatalog catalog;

    public Faults(ScenarioSettings settings, ScenarioClock clock, Deployment deployment, Partitions partitions) {
        this.settings = settings;
        this.clock = clock;
        this.deployment = deployment;
        this.partitions = partitions;
    }

    /** The injector of the deployed ensemble's faults; there must be an ensemble. */
    public synchronized FaultInjector injector() {
        if (injector == null) {
            injector = new FaultInjector(clock.history(), deployment.ensemble().members(), settings.progress());
        }
        return injector;
    }

    public String inject(Fault fault) {
        String id = injector().inject(fault);
        if (fault instanceof ShapedPartition partition) {
            partitions.record(id, partition.shape());
        }
        if (fault instanceof ScaleFault resize) {
            // a membership change is over once committed: its window closes with what changed
            injector().recover(id, resize.summary());
        }
        return id;
    }

    /**
     * Runs {@code procedure} to its end; its steps record their own fault windows (each member's
     * turn), so it has none of its own that would blur them. What it leaves stopped is brought
     * back if it throws, and the scenario fails if it stopped short (a member that did not serve
     * again in time). Returns what it did.
     */
    public String runToEnd(dev.quorumchaos.fault.Procedure procedure) {
        try {
            procedure.apply();
        } catch (RuntimeException | Error e) {
            try {
                procedure.recover();
            } catch (RuntimeException recovering) {
                e.addSuppressed(recovering);
            }
            throw e;
        }
        procedure.stalled().ifPresent(why -> {
            throw new AssertionError(why);
        });
        settings.progress().say(procedure.description() + ": " + procedure.outcome());
        return procedure.outcome();
    }

    /** Cuts the links of {@code shape}; skips the scenario where the ensemble has no links to cut. */
    public String partition(PartitionShape shape, LinkBehaviour behaviour) {
        return inject(PartitionKind.cut(site, shape, behaviour));
    }

    /** Recovers every partition still in place. */
    public void healPartitions() {
        for (String id : partitions.ids()) {
            injector().recover(id, "the network heals");
        }
    }

    public FaultSite site() {
        return site;
    }

    /** Node faults need an ensemble on nodes; elsewhere the scenario is skipped, with the reason, never passed. */
    public NodeHosting nodesOrSkip(String what) {
        if (!deployment.target().hasNodes()) {
            throw NodeHosting.missing(site, what); // asked before an ensemble exists, too
        }
        return NodeHosting.of(site, what);
    }

    /**
     * Ends the node faults still in place that {@code which} selects (the taint on the node that
     * hosted member 1, every cordon...), as a person untaints or uncordons a node; returns how
     * many ended.
     */
    public int endNodeFaults(Predicate<NodeFault> which, String why) {
        nodesOrSkip("ending a node fault");
        int ended = 0;
        for (var entry : injector().active().entrySet()) {
            if (entry.getValue() instanceof NodeFault node && which.test(node)) {
                injector().recover(entry.getKey(), why);
                ended++;
            }
        }
        return ended;
    }

    public FaultCatalog catalog() {
        if (catalog == null) {
            catalog = FaultCatalog.load(settings.run().faultsDir());
        }
        return catalog;
    }

    /** Recovers what is still in place; a fault not recovered is thrown. */
    synchronized void close() {
        if (injector != null) {
            injector.close();
        }
    }

    /** For the Ctrl-C message: the faults still in place. */
    synchronized String activeFaults() {
        return injector == null ? "[]" : String.valueOf(injector.activeFaults());
    }

    /** Where faults land: the deployed ensemble, asked for capabilities by their interfaces. */
    private final class Site implements FaultSite {

        @Override
        public MemberControl members() {
            return deployment.ensemble().members();
        }

        @Override
        public EnsembleView refresh() {
            return deployment.ensemble().refresh();
        }

        @Override
        public <T> Optional<T> capability(Class<T> type) {
            // the ensemble's first (pods, links, nodes); then the platform's (stopping a node's kubelet)
            return deployment.capability(type).or(() -> type.isInstance(deployment.target())
                    ? Optional.of(type.cast(deployment.target())) : Optional.empty());
        }

        @Override
        public dev.quorumchaos.history.History history() {
            return clock.history();
        }

        @Override
        public String targetName() {
            return deployment.target().name();
        }

        @Override
        public RuntimeException skip(String reason) {
            return new TestAbortedException("skipped: " + reason);
        }

        @Override
        public boolean allowsSharedNodes() {
            return settings.allowsSharedNodes();
        }

        @Override
        public void say(String line) {
            settings.progress().say(line);
        }

        @Override
        public FaultInjector injector() {
            return Faults.this.injector();
        }
    }
}
