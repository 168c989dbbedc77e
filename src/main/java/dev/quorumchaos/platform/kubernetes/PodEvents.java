package dev.quorumchaos.platform.kubernetes;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** What the cluster's components said about a pod, in their own words (core/v1 Events). */
final class PodEvents {

    private PodEvents() {
    }

    /**
     * The newest {@code limit} distinct events about pods named {@code pod}, newest first, as
     * "Reason (component): message". Every pod of that name counts: the one a taint evicted
     * explains why its successor is Pending. Filtered here rather than by a field selector on
     * involvedObject, which the mock server ignores.
     */
    static String latest(KubernetesClient client, String namespace, String pod, int limit) {
        Set<String> seen = new LinkedHashSet<>();
        client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null && "Pod".equals(e.getInvolvedObject().getKind())
                        && pod.equals(e.getInvolvedObject().getName()))
                .sorted(Comparator.comparing(PodEvents::when).reversed())
                .map(e -> e.getReason() + " (" + component(e) + "): " + e.getMessage())
                .forEach(seen::add);
        return seen.stream().limit(limit).collect(Collectors.joining("; "));
    }

    /** The event's last occurrence; core/v1 events carry it in one of three fields, by their reporter's age. */
    private static String when(Event e) {
        if (e.getLastTimestamp() != null) {
            return e.getLastTimestamp();
        }
        if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
            return e.getEventTime().getTime();
        }
        return e.getMetadata().getCreationTimestamp() == null ? "" : e.getMetadata().getCreationTimestamp();
    }

    private static String component(Event e) {
        if (e.getReportingComponent() != null && !e.getReportingComponent().isEmpty()) {
            return e.getReportingComponent();
        }
        return e.getSource() == null || e.getSource().getComponent() == null ? "?" : e.getSource().getComponent();
    }
}
