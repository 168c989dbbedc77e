package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.fault.nodeloss.Kubelets;
import dev.quorumchaos.settings.NodeLossSettings;
import dev.quorumchaos.history.History;
import dev.quorumchaos.service.Service;
import org.opentest4j.TestAbortedException;
import dev.quorumchaos.platform.Target;
import dev.quorumchaos.settings.RunSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Members as pods of a StatefulSet on a Kubernetes cluster. Each ensemble gets a namespace of its
 * own, labelled with the run id and this machine's id and annotated with the owning process,
 * deleted when the ensemble closes; what a crashed run of this machine left is cleaned before the
 * first new one ({@link #sweep()}).
 */
public final class KubernetesTarget implements Target, Kubelets {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final KubernetesClient client;
    private final String name;
    private final boolean ownsClient;
    private final DeployOptions defaults;
    private final MachineId machine;
    private final Kubelets kubelets;
    private final Set<KubernetesEnsemble> running = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();
    private KubernetesCleaner.Report sweep;

    private KubernetesTarget(KubernetesClient client, String name, boolean ownsClient, DeployOptions defaults,
                             MachineId machine, Kubelets kubelets) {
        this.client = client;
        this.name = name;
        this.ownsClient = ownsClient;
        this.defaults = defaults;
        this.machine = machine;
        this.kubelets = kubelets;
    }

    /**
     * {@code --target kubeconfig [--kubeconfig F] [--context C]}: connects and checks, within
     * seconds, that the cluster answers and lets the harness work; bad input otherwise.
     *
     * @param kubeconfig null for the settings' ($KUBECONFIG or ~/.kube/config)
     * @param context    null for the current context
     */
    public static KubernetesTarget fromKubeconfig(RunSettings settings, Path kubeconfig, String context) {
        KubernetesClient client = ClusterConnection.fromKubeconfig(
                kubeconfig != null ? kubeconfig : settings.kubeconfigOrDefault(), context);
        String contextName = client.getConfiguration().getCurrentContext() == null ? "current context"
                : client.getConfiguration().getCurrentContext().getName();
        String name = "kubeconfig:" + contextName;
        return new KubernetesTarget(client, name, true, DeployOptions.from(settings), MachineId.current(settings),
                new NodeLossCommand(settings.nodeLoss(), name));
    }

    /** The cluster and context the settings name. */
    public static KubernetesTarget fromKubeconfig(RunSettings settings) {
        return fromKubeconfig(settings, settings.kubeconfig(), settings.context());
    }

    /** A target on a client the caller made and closes (tests), with the default work directory's machine id. */
    public static KubernetesTarget using(KubernetesClient client, String name) {
        return using(client, name, MachineId.in(Path.of(".chaos")));
    }

    /** A target on a client the caller made and closes (k3s). */
    public static KubernetesTarget using(KubernetesClient client, String name, MachineId machine) {
        // node loss on k3s is the k3s target's own (it pauses agent containers); here it is refused
        return new KubernetesTarget(client, name, false, DeployOptions.defaults(), machine,
                new NodeLossCommand(new NodeLossSettings(false, null), name));
    }

    /** The same cluster with other defaults for {@link #deploy(Service, EnsembleSpec, History)}. */
    public KubernetesTarget withDefaults(DeployOptions options) {
        return new KubernetesTarget(client, name, ownsClient, options, machine, kubelets);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean hasNodes() {
        return true;
    }

    public KubernetesClient client() {
        return client;
    }

    public DeployOptions defaults() {
        return defaults;
    }

    public KubernetesCleaner cleaner() {
        return new KubernetesCleaner(client, machine, kubelets);
    }

    /** For {@code chaos clean --node-loss-command}: a cleaner that starts stopped kubelets that way. */
    public KubernetesCleaner cleaner(NodeLossSettings nodeLoss) {
        return new KubernetesCleaner(client, machine, new NodeLossCommand(nodeLoss, name));
    }

    @Override
    public String how() {
        return kubelets.how();
    }

    @Override
    public Optional<String> refusal() {
        return kubelets.refusal();
    }

    @Override
    public Optional<String> cannotLose(String node) {
        return kubelets.cannotLose(node);
    }

    @Override
    public void stop(String node) {
        kubelets.stop(node);
    }

    @Override
    public void start(String node) {
        kubelets.start(node);
    }

    /** Cleans what abandoned runs from this machine left; once, before the first ensemble. */
    public synchronized KubernetesCleaner.Report sweep() {
        if (sweep == null) {
            sweep = cleaner().cleanAbandoned();
        }
        return sweep;
    }

    @Override
    public KubernetesEnsemble deploy(Service service, EnsembleSpec spec, History history) {
        return deploy(service, spec, defaults, history);
    }

    /** Deploys with the scenario's budget and placement; returns once every member's pod runs. */
    public KubernetesEnsemble deploy(Service service, EnsembleSpec spec, DeployOptions options,
                                                  History history) {
        KubernetesService part = service.part(KubernetesService.class).orElseThrow(() -> new TestAbortedException(
                "skipped: " + service.name() + " is not deployed on Kubernetes by the harness yet"));
        ServiceManifests manifests = ServiceManifests.load(options.manifestsFor(part), part, service.name());
        sweep();
        if (options.requiredAntiAffinity()) {
            requireNodesFor(spec.size());
        }
        String runId = "chaos-" + machine + "-" + LocalDateTime.now().format(STAMP) + "-"
                + HexFormat.of().toHexDigits((short) random.nextInt());
        ServiceManifests.Rendered rendered = manifests.render(client,
                new ServiceManifests.Values(runId, runId, spec, options.maxUnavailable(), options.requiredAntiAffinity()));
        createNamespace(runId);
        KubernetesEnsemble[] self = new KubernetesEnsemble[1];
        try {
            for (HasMetadata object : rendered.objects()) {
                client.resource(object).inNamespace(runId).create();
            }
            self[0] = new KubernetesEnsemble(client, name, rendered.layout(), spec, options.maxUnavailable(), history,
                    KubernetesEnsemble.POLL_INTERVAL, part, service.name(), () -> running.remove(self[0]));
            running.add(self[0]);
            self[0].start(options.startTimeout());
            return self[0];
        } catch (RuntimeException e) {
            if (self[0] != null) {
                self[0].close();
            } else {
                client.namespaces().withName(runId).delete();
            }
            throw e;
        }
    }

    /**
     * The namespace carries the run label (found by {@code chaos clean}), the machine and process
     * that own it (spared while alive, and by other machines' cleans), and the privileged Pod
     * Security level: the partition helper needs NET_ADMIN, which the baseline level forbids.
     */
    private void createNamespace(String runId) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(runId)
                .addToLabels(RunLabels.RUN, runId)
                .addToLabels(RunLabels.MACHINE, machine.value())
                .addToLabels("pod-security.kubernetes.io/enforce", "privileged")
                .addToAnnotations(RunLabels.OWNER, RunOwner.current(machine).annotation())
                .endMetadata().build()).create();
    }

    /** One member per node: fail before creating anything when the cluster has too few nodes. */
    private void requireNodesFor(int members) {
        List<Node> nodes = client.nodes().list().getItems();
        List<String> usable = nodes.stream().filter(KubernetesTarget::schedulable).map(n -> n.getMetadata().getName()).toList();
        if (usable.size() < members) {
            throw ChaosException.badInput("one member per node needs " + members + " schedulable nodes; " + name + " has "
                    + usable.size() + " (" + (usable.isEmpty() ? "none" : String.join(", ", usable)) + " of " + nodes.size()
                    + "): use --target k3s, which starts a node per member, or relax the anti-affinity");
        }
    }

    static boolean schedulable(Node node) {
        boolean ready = node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        boolean cordoned = Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        boolean repels = node.getSpec().getTaints() != null && node.getSpec().getTaints().stream()
                .anyMatch(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()));
        return ready && !cordoned && !repels;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (KubernetesEnsemble ensemble : List.copyOf(running)) {
            try {
                ensemble.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (ownsClient) {
            client.close();
        }
        if (failure != null) {
            throw new ChaosException("could not close every ensemble on " + name + ": " + failure.getMessage(), failure);
        }
    }
}
