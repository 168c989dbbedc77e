package dev.quorumchaos.target.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the mock API server lacks: a StatefulSet controller, a scheduler and kubelets. Every 50 ms
 * it creates the missing pods of every StatefulSet, placed one per node in turn, already Running
 * and Ready, with a fresh uid and IP, as a cluster would some seconds later.
 */
final class FakeStatefulSetController implements AutoCloseable {

    private final KubernetesClient client;
    private final List<String> nodes;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger ips = new AtomicInteger(10);
    private volatile boolean ready = true;

    FakeStatefulSetController(KubernetesClient client, List<String> nodes) {
        this.client = client;
        this.nodes = nodes;
        for (String node : nodes) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata().withNewSpec().endSpec()
                    .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                    .build()).create();
        }
        loop.scheduleWithFixedDelay(this::reconcile, 0, 50, TimeUnit.MILLISECONDS);
    }

    /** Pods created from now on are Running but not Ready, or Ready again. */
    void createReady(boolean ready) {
        this.ready = ready;
    }

    private void reconcile() {
        try {
            for (StatefulSet set : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
                String ns = set.getMetadata().getNamespace();
                for (int i = 0; i < set.getSpec().getReplicas(); i++) {
                    String name = set.getMetadata().getName() + "-" + i;
                    if (client.pods().inNamespace(ns).withName(name).get() == null) {
                        client.pods().inNamespace(ns).resource(pod(set, name, nodes.get(i % nodes.size()))).create();
                    }
                }
            }
        } catch (RuntimeException e) {
            // the namespace went away under us, or the server is shutting down: try again next round
        }
    }

    private Pod pod(StatefulSet set, String name, String node) {
        List<Container> containers = set.getSpec().getTemplate().getSpec().getContainers();
        List<ContainerStatus> statuses = containers.stream().map(c -> new ContainerStatusBuilder().withName(c.getName())
                .withReady(ready).withNewState().withNewRunning().endRunning().endState().build()).toList();
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(set.getMetadata().getNamespace())
                .withUid(UUID.randomUUID().toString())
                .withLabels(set.getSpec().getTemplate().getMetadata().getLabels()).endMetadata()
                .withSpec(set.getSpec().getTemplate().getSpec())
                .editSpec().withNodeName(node).withHostname(name).endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.42.0." + ips.incrementAndGet())
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .withContainerStatuses(statuses).endStatus()
                .build();
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
