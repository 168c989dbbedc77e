package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.fault.Fault;
import dev.quorumchaos.fault.FaultInjector;
import dev.quorumchaos.fault.FaultSite;
import dev.quorumchaos.fault.Procedure;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/**
 * A rolling update the StatefulSet controller carries out, as its documentation describes it:
 * under {@code updateStrategy: RollingUpdate}, a change of the pod template makes a new revision
 * ({@code status.updateRevision}); the controller deletes and recreates the pods whose ordinal is
 * at least {@code rollingUpdate.partition}, from the highest ordinal down, each only once the one
 * before is Running and Ready; pods below the partition keep the old revision, even when deleted.
 * An upgrade changes the server container's image tag; a restart adds the annotation {@code
 * kubectl rollout restart} adds to the pod template. The harness watches the status and each
 * pod's {@code controller-revision-hash} label and records each pod's replacement as a fault
 * window, from the old pod's deletion until its successor at the new revision is Ready and its
 * member serves. Nothing is undone on recovery: an operator's rollout stays rolled out.
 */
final class StatefulSetRollout implements Procedure {

    static final String REVISION_LABEL = "controller-revision-hash";
    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int EDIT_ATTEMPTS = 5;

    private final KubernetesClient client;
    private final EnsembleLayout layout;
    private final int size;
    private final FaultSite site;
    /** The server image to roll to; null for a restart. */
    private final String image;
    private final int partition;
    private final Duration perPod;
    private final Map<Integer, String> windows = new HashMap<>();
    /** Each pod's uid before the rollout: a pod with another uid was replaced, even if no look saw it go. */
    private final Map<Integer, String> uids = new HashMap<>();
    private final java.util.Set<Integer> opened = new java.util.HashSet<>();
    private final Map<Integer, Long> since = new HashMap<>();
    private int replaced;
    private String stalled;
    private String revision;

    StatefulSetRollout(KubernetesClient client, EnsembleLayout layout, int size, FaultSite site, String image,
                       int partition, Duration perPod) {
        this.client = client;
        this.layout = layout;
        this.size = size;
        this.site = site;
        this.image = image;
        this.partition = partition;
        this.perPod = perPod;
    }

    /** {@code repository:tag} with the tag replaced by {@code version}, keeping a leading "v" the old tag had. */
    static String withTag(String image, String version) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        String repository = colon > slash ? image.substring(0, colon) : image;
        String oldTag = colon > slash ? image.substring(colon + 1) : "";
        return repository + ":" + (oldTag.startsWith("v") ? "v" : "") + version;
    }

    @Override
    public String kind() {
        return image == null ? "rolling-restart" : "rolling-upgrade";
    }

    @Override
    public String description() {
        return (image == null ? "rolling restart" : "rolling upgrade to " + image)
                + (partition > 0 ? " of the pods from ordinal " + partition + " up" : "")
                + ", by the StatefulSet " + layout.statefulSet() + ", highest ordinal first";
    }

    @Override
    public List<Integer> members() {
        return java.util.stream.IntStream.range(partition, size).boxed().toList();
    }

    @Override
    public void apply() {
        StatefulSet current = client.apps().statefulSets().inNamespace(layout.namespace()).withName(layout.statefulSet()).get();
        if (image != null && image.equals(server(current).getImage())) {
            site.say("the StatefulSet " + layout.statefulSet() + " already runs " + image + ": nothing to roll out");
            return; // the same template makes no new revision: the controller would replace nothing
        }
        String before = status().map(StatefulSetStatus::getUpdateRevision).orElse(null);
        for (int ordinal = partition; ordinal < size; ordinal++) {
            int o = ordinal;
            pod(ordinal).ifPresent(p -> uids.put(o, p.getMetadata().getUid()));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                editTemplate();
                break;
            } catch (KubernetesClientException e) {
                // the controller writes the status all the while: a write between our read and our
                // patch is a conflict (409); read again and patch again, as kubectl does
                if (e.getCode() != 409 || attempt == EDIT_ATTEMPTS) {
                    throw e;
                }
            }
        }
        site.say(description() + ": the template changed; waiting for the controller");
        Duration atMost = perPod.multipliedBy(Math.max(1, size - partition));
        try {
            // a new revision first: the status read before the controller saw the change is stale
            await("a new revision of " + layout.statefulSet()).atMost(perPod).pollInterval(POLL)
                    .until(() -> status().map(StatefulSetStatus::getUpdateRevision)
                            .filter(r -> !r.equals(before)).isPresent());
            revision = status().orElseThrow().getUpdateRevision();
            await("the rollout of " + revision).atMost(atMost).pollInterval(POLL).until(this::observe);
        } catch (ConditionTimeoutException e) {
            stalled = "the StatefulSet " + layout.statefulSet() + " did not finish its rollout within "
                    + atMost.toSeconds() + " s: " + (revision == null ? "no new revision in its status"
                    : "pods not Ready at revision " + revision + ": " + pending() + ", status " + status().orElse(null));
        }
    }

    /** The template change and the partition, in one edit of the StatefulSet. */
    private void editTemplate() {
        client.apps().statefulSets().inNamespace(layout.namespace()).withName(layout.statefulSet()).edit(set -> {
            set.getSpec().getUpdateStrategy().setType("RollingUpdate");
            if (set.getSpec().getUpdateStrategy().getRollingUpdate() == null) {
                set.getSpec().getUpdateStrategy().setRollingUpdate(new io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy());
            }
            set.getSpec().getUpdateStrategy().getRollingUpdate().setPartition(partition);
            if (image == null) {
                if (set.getSpec().getTemplate().getMetadata().getAnnotations() == null) {
                    set.getSpec().getTemplate().getMetadata().setAnnotations(new HashMap<>());
                }
                set.getSpec().getTemplate().getMetadata().getAnnotations().put(RESTARTED_AT, Instant.now().toString());
            } else {
                server(set).setImage(image);
            }
            return set;
        });
    }

    /** One look at the pods: opens a window for each pod being replaced, closes it once its successor serves. */
    private boolean observe() {
        FaultInjector injector = site.injector();
        // in the controller's order, so a pod's window closes before the next pod's opens in one look
        for (int ordinal = size - 1; ordinal >= partition; ordinal--) {
            Optional<Pod> pod = pod(ordinal);
            boolean updated = pod.filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                    .map(p -> revision.equals(revisionOf(p))).orElse(false);
            String uidBefore = uids.get(ordinal);
            boolean going = pod.map(p -> p.getMetadata().getDeletionTimestamp() != null
                    || !p.getMetadata().getUid().equals(uidBefore)).orElse(true);
            if (going && opened.add(ordinal)) {
                String what = (image == null ? "restart " : "upgrade ") + "member " + ordinal + " (pod "
                        + layout.pod(ordinal) + ", replaced by the StatefulSet controller)";
                site.say("pod " + layout.pod(ordinal) + " terminating for " + (image == null ? "restart" : image));
                since.put(ordinal, System.nanoTime());
                windows.put(ordinal, injector.inject(new Replacement(kind(), what, ordinal)));
            }
            if (updated && windows.containsKey(ordinal) && ready(pod.get()) && site.refresh().state(ordinal).serving()) {
                String seconds = String.format(Locale.ROOT, "%.1f", (System.nanoTime() - since.get(ordinal)) / 1e9);
                String runs = server(pod.get()).getImage();
                injector.recover(windows.remove(ordinal), "Ready at revision " + revision + ", running " + runs
                        + ", after " + seconds + " s");
                site.say("member " + ordinal + " serves again at revision " + revision + " (" + runs + ") after "
                        + seconds + " s");
                replaced++;
            }
        }
        return windows.isEmpty() && pending().isEmpty();
    }

    /** Pods at or above the partition not yet Ready at the new revision. */
    private List<String> pending() {
        return java.util.stream.IntStream.range(partition, size).filter(o -> pod(o)
                        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                        .filter(p -> revision != null && revision.equals(revisionOf(p)))
                        .filter(StatefulSetRollout::ready).isEmpty())
                .mapToObj(layout::pod).toList();
    }

    private static String revisionOf(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? null : labels.get(REVISION_LABEL);
    }

    private Optional<Pod> pod(int ordinal) {
        return Optional.ofNullable(client.pods().inNamespace(layout.namespace()).withName(layout.pod(ordinal)).get());
    }

    private Optional<StatefulSetStatus> status() {
        return Optional.ofNullable(client.apps().statefulSets().inNamespace(layout.namespace())
                .withName(layout.statefulSet()).get()).map(StatefulSet::getStatus);
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private Container server(StatefulSet set) {
        return set.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(layout.serverContainer())).findFirst().orElseThrow();
    }

    private Container server(Pod pod) {
        return pod.getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(layout.serverContainer())).findFirst().orElseThrow();
    }

    @Override
    public void recover() {
        // the rollout stays: the controller keeps replacing pods until the set is at its revision
    }

    @Override
    public Optional<String> stalled() {
        return Optional.ofNullable(stalled);
    }

    @Override
    public String outcome() {
        return stalled != null ? "stopped short after " + replaced + " pod(s)"
                : replaced + " pod(s) replaced, each Ready at revision " + revision;
    }

    /** One pod's replacement, done by the controller: applying and recovering it change nothing. */
    private record Replacement(String kind, String description, int member) implements Fault {

        @Override
        public List<Integer> members() {
            return List.of(member);
        }

        @Override
        public void apply() {
        }

        @Override
        public void recover() {
        }
    }
}
