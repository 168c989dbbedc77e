package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ChaosException;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What {@code kubectl get events -A}, {@code kubectl describe pods} and {@code kubectl get nodes}
 * would show, written beside the member logs of a failed scenario while the cluster still
 * exists: a k3s cluster is gone once the run ends, so a CI job cannot ask afterwards. Each file is
 * written on its own; one the cluster refuses says why instead.
 */
final class ClusterDiagnostics {

    static final String EVENTS = "events.txt";
    static final String PODS = "pods.txt";
    static final String NODES = "nodes.txt";

    private ClusterDiagnostics() {
    }

    static void write(KubernetesClient client, String namespace, Path dir) {
        write(dir.resolve(EVENTS), () -> events(client));
        write(dir.resolve(PODS), () -> pods(client, namespace));
        write(dir.resolve(NODES), () -> nodes(client));
    }

    private static void write(Path file, Supplier<String> text) {
        String contents;
        try {
            contents = text.get();
        } catch (KubernetesClientException e) {
            contents = "the cluster refused: " + e.getCode() + " " + e.getMessage() + "\n";
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, contents);
        } catch (IOException e) {
            throw new ChaosException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every namespace's events, oldest first, in kubectl's columns. */
    static String events(KubernetesClient client) {
        List<Event> events = client.v1().events().inAnyNamespace().list().getItems().stream()
                .sorted(Comparator.comparing(ClusterDiagnostics::lastSeen, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        StringBuilder sb = new StringBuilder("NAMESPACE\tLAST SEEN\tTYPE\tREASON\tOBJECT\tCOUNT\tMESSAGE\n");
        for (Event e : events) {
            sb.append(e.getMetadata().getNamespace()).append('\t').append(lastSeen(e)).append('\t').append(e.getType())
                    .append('\t').append(e.getReason()).append('\t')
                    .append(e.getInvolvedObject() == null ? "" : e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName())
                    .append('\t').append(e.getCount() == null ? 1 : e.getCount()).append('\t').append(oneLine(e.getMessage()))
                    .append('\n');
        }
        return sb.toString();
    }

    private static String lastSeen(Event e) {
        return e.getLastTimestamp() != null ? e.getLastTimestamp()
                : e.getEventTime() != null ? e.getEventTime().getTime() : e.getMetadata().getCreationTimestamp();
    }

    /** Each pod of the run as {@code kubectl describe} would give what matters: placement, conditions, containers, its events. */
    static String pods(KubernetesClient client, String namespace) {
        List<Event> events = client.v1().events().inNamespace(namespace).list().getItems();
        StringBuilder sb = new StringBuilder();
        for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
            String name = pod.getMetadata().getName();
            sb.append("Name:\t").append(name).append("\nNode:\t").append(orNone(pod.getSpec().getNodeName()))
                    .append("\nUID:\t").append(pod.getMetadata().getUid())
                    .append("\nStatus:\t").append(pod.getStatus() == null ? "none" : pod.getStatus().getPhase())
                    .append(pod.getMetadata().getDeletionTimestamp() == null ? "" : " (terminating since "
                            + pod.getMetadata().getDeletionTimestamp() + ")")
                    .append("\nIP:\t").append(pod.getStatus() == null ? "none" : orNone(pod.getStatus().getPodIP()))
                    .append("\nConditions:\n");
            if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
                for (PodCondition c : pod.getStatus().getConditions()) {
                    sb.append("  ").append(c.getType()).append('=').append(c.getStatus())
                            .append(c.getReason() == null ? "" : " " + c.getReason())
                            .append(c.getMessage() == null ? "" : ": " + oneLine(c.getMessage())).append('\n');
                }
            }
            sb.append("Containers:\n");
            if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
                for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
                    sb.append("  ").append(c.getName()).append(": ").append(state(c.getState())).append(", ready=")
                            .append(c.getReady()).append(", restarts=").append(c.getRestartCount());
                    if (c.getLastState() != null && c.getLastState().getTerminated() != null) {
                        sb.append(", last ").append(state(c.getLastState()));
                    }
                    sb.append('\n');
                }
            }
            sb.append("Events:\n");
            events.stream().filter(e -> e.getInvolvedObject() != null && name.equals(e.getInvolvedObject().getName()))
                    .sorted(Comparator.comparing(ClusterDiagnostics::lastSeen, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .forEach(e -> sb.append("  ").append(lastSeen(e)).append(' ').append(e.getType()).append(' ')
                            .append(e.getReason()).append(": ").append(oneLine(e.getMessage())).append('\n'));
            sb.append('\n');
        }
        return sb.length() == 0 ? "no pods in " + namespace + "\n" : sb.toString();
    }

    private static String state(ContainerState s) {
        if (s == null) {
            return "unknown";
        }
        if (s.getRunning() != null) {
            return "running since " + s.getRunning().getStartedAt();
        }
        if (s.getWaiting() != null) {
            return "waiting: " + s.getWaiting().getReason() + (s.getWaiting().getMessage() == null ? ""
                    : " (" + oneLine(s.getWaiting().getMessage()) + ")");
        }
        if (s.getTerminated() != null) {
            return "terminated: " + s.getTerminated().getReason() + ", exit " + s.getTerminated().getExitCode()
                    + (s.getTerminated().getSignal() == null ? "" : ", signal " + s.getTerminated().getSignal())
                    + " at " + s.getTerminated().getFinishedAt();
        }
        return "unknown";
    }

    /** Each node: Ready, cordoned, taints, and the harness's annotations on it. */
    static String nodes(KubernetesClient client) {
        StringBuilder sb = new StringBuilder();
        for (Node node : client.nodes().list().getItems()) {
            String ready = node.getStatus() == null || node.getStatus().getConditions() == null ? "unknown"
                    : node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                    .map(c -> c.getStatus() + (c.getReason() == null ? "" : " (" + c.getReason() + ")")).findFirst().orElse("unknown");
            sb.append(node.getMetadata().getName()).append("\tReady=").append(ready)
                    .append("\tunschedulable=").append(Boolean.TRUE.equals(node.getSpec().getUnschedulable()))
                    .append("\ttaints=").append(node.getSpec().getTaints() == null ? "[]" : node.getSpec().getTaints().stream()
                            .map(t -> t.getKey() + (t.getValue() == null ? "" : "=" + t.getValue()) + ":" + t.getEffect()).toList());
            Map<String, String> annotations = node.getMetadata().getAnnotations();
            if (annotations != null) {
                annotations.entrySet().stream().filter(a -> a.getKey().startsWith("chaos.quorumchaos.dev/"))
                        .forEach(a -> sb.append('\t').append(a.getKey()).append('=').append(a.getValue()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? "none" : value;
    }

    private static String oneLine(String text) {
        return Objects.toString(text, "").replace('\n', ' ');
    }
}
