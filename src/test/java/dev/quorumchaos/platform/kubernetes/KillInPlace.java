package dev.quorumchaos.platform.kubernetes;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A member's kill on the mock cluster, as the kubelet would answer it: the harness's exec reaches
 * the pod, the container dies under it ({@link FakeStatefulSetController#crash}) and restarts in
 * place. Returns every API request sent meanwhile, for the caller's assertions.
 */
final class KillInPlace {

    private KillInPlace() {
    }

    static List<RecordedRequest> kill(KubernetesMockServer server, FakeStatefulSetController controller,
                                      KubernetesEnsemble ensemble, int ordinal, String pod) throws Exception {
        CompletableFuture<Void> kill = CompletableFuture.runAsync(() -> ensemble.members().kill(ordinal));
        List<RecordedRequest> seen = new ArrayList<>();
        await("the kill's exec").atMost(Duration.ofSeconds(10)).until(() -> {
            seen.addAll(drain(server));
            return seen.stream().anyMatch(r -> r.getPath().contains("/pods/" + pod + "/exec"));
        });
        controller.crash(ensemble.namespace(), pod);
        kill.get(10, TimeUnit.SECONDS);
        seen.addAll(drain(server));
        return seen;
    }

    /** The requests the server recorded since the last drain. */
    static List<RecordedRequest> drain(KubernetesMockServer server) throws InterruptedException {
        List<RecordedRequest> all = new ArrayList<>();
        for (RecordedRequest r; (r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null; ) {
            all.add(r);
        }
        return all;
    }
}
