package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ChaosException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a shell script in a container of a member's pod and returns how it ended. */
final class PodExec {

    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private PodExec() {
    }

    static Result sh(KubernetesClient client, String namespace, String pod, String container, String script, Duration timeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
                .writingOutput(out).writingError(err).exec("sh", "-c", script)) {
            int code = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            throw new ChaosException("exec in " + namespace + "/" + pod + " (" + container + ") did not end within "
                    + timeout.toSeconds() + " s: " + script);
        } catch (ExecutionException e) {
            throw new ChaosException("exec in " + namespace + "/" + pod + " (" + container + ") failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosException("interrupted while running exec in " + namespace + "/" + pod);
        }
    }
}
