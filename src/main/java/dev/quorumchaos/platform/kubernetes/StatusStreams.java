package dev.quorumchaos.platform.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The role observer's means on Kubernetes: one {@link StatusStream} per member pod, running the
 * service's question in its sidecar, opened when the sidecar runs and again when the pod is
 * replaced or the stream ends or falls silent (at most once a second, so that a pod the kubelet
 * cannot reach is not asked in a loop). A member whose pod has no running sidecar is down, and
 * the answer says why.
 */
final class StatusStreams implements AutoCloseable {

    private static final Duration REOPEN_AFTER = Duration.ofSeconds(1);
    /** The in-pod loop writes every 100 ms, or 2 s when a member does not answer: silence this long is a broken stream. */
    private static final Duration STALLED = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final EnsembleLayout layout;
    private final MemberPods pods;
    private final String script;
    private final Map<Integer, Open> streams = new HashMap<>();
    private boolean closed;

    /** A stream to one pod (by uid), with the exec that feeds it (null when it could not start). */
    private record Open(String uid, StatusStream stream, ExecWatch watch, Instant opened) {
    }

    /** {@code script}: the in-pod loop, {@link StatusStream#script} of the service's question. */
    StatusStreams(KubernetesClient client, EnsembleLayout layout, MemberPods pods, String script) {
        this.client = client;
        this.layout = layout;
        this.pods = pods;
        this.script = script;
    }

    /**
     * The member's answer, given after this call began.
     *
     * @throws java.net.SocketTimeoutException when the member accepts but does not answer in time (paused)
     * @throws IOException                     when nothing answers (down), with why
     */
    String status(int ordinal, int timeoutMillis) throws IOException {
        return stream(ordinal).ask(timeoutMillis);
    }

    private synchronized StatusStream stream(int ordinal) throws IOException {
        if (closed) {
            throw new IOException("the ensemble is closed");
        }
        Pod pod = pods.pod(ordinal).orElse(null);
        if (pod == null || !MemberPods.containerRunning(pod, layout.observerContainer())) {
            throw new IOException("pod " + layout.pod(ordinal) + " is not running: " + pods.describe(ordinal));
        }
        Open current = streams.get(ordinal);
        boolean samePod = current != null && current.uid().equals(pod.getMetadata().getUid());
        if (samePod && current.stream().open() && current.stream().stalled(STALLED)) {
            current.stream().closed("nothing came for " + STALLED.toSeconds() + " s");
        }
        if (samePod && current.stream().open()) {
            return current.stream();
        }
        if (samePod && Instant.now().isBefore(current.opened().plus(REOPEN_AFTER))) {
            return current.stream(); // ended just now: it answers with why until the next try
        }
        if (current != null && current.watch() != null) {
            current.watch().close();
        }
        Open opened = open(pod);
        streams.put(ordinal, opened);
        return opened.stream();
    }

    private Open open(Pod pod) {
        String name = pod.getMetadata().getName();
        StatusStream stream = new StatusStream(name);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        ExecWatch watch;
        try {
            watch = client.pods().inNamespace(layout.namespace()).withName(name)
                .inContainer(layout.observerContainer())
                .writingOutput(stream).writingError(errors)
                .usingListener(new ExecListener() {
                    @Override
                    public void onFailure(Throwable t, Response failure) {
                        stream.closed(t.getMessage() == null ? t.toString() : t.getMessage());
                    }

                    @Override
                    public void onClose(int code, String reason) {
                        String stderr = errors.toString(StandardCharsets.UTF_8).trim();
                        stream.closed("closed (" + code + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")"
                                + (stderr.isEmpty() ? "" : ": " + stderr));
                    }
                })
                .exec("bash", "-c", script);
        } catch (RuntimeException e) {
            stream.closed("cannot exec in " + name + ": " + e.getMessage());
            watch = null;
        }
        return new Open(pod.getMetadata().getUid(), stream, watch, Instant.now());
    }

    /** The member left: its stream ends, and a later member of that ordinal gets a new one. */
    synchronized void forget(int ordinal) {
        Open open = streams.remove(ordinal);
        if (open != null) {
            open.stream().closed("member " + ordinal + " left the ensemble");
            if (open.watch() != null) {
                open.watch().close();
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        streams.values().forEach(o -> {
            o.stream().closed("the ensemble is closed");
            if (o.watch() != null) {
                o.watch().close();
            }
        });
        streams.clear();
    }
}
