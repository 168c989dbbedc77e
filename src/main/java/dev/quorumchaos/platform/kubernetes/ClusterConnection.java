package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.settings.RunSettings;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Turns a kubeconfig (and context) into a client, and proves the cluster answers and lets the
 * harness do its work before anything is created: an unusable cluster is bad input, said in
 * seconds, not a hang or a failure half-way through a scenario.
 */
final class ClusterConnection {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private ClusterConnection() {
    }

    /**
     * @param file    the kubeconfig ({@link RunSettings#kubeconfigOrDefault()} when none was named)
     * @param context null for the kubeconfig's current context
     */
    static KubernetesClient fromKubeconfig(Path file, String context) {
        if (!Files.isReadable(file)) {
            throw ChaosException.badInput("no readable kubeconfig at " + file.toAbsolutePath()
                    + ": give --kubeconfig FILE or set KUBECONFIG");
        }
        String contents;
        try {
            contents = Files.readString(file);
        } catch (IOException e) {
            throw ChaosException.badInput("cannot read kubeconfig " + file + ": " + e.getMessage(), e);
        }
        io.fabric8.kubernetes.api.model.Config parsed;
        try {
            parsed = new KubernetesSerialization().unmarshal(contents, io.fabric8.kubernetes.api.model.Config.class);
        } catch (RuntimeException e) {
            throw ChaosException.badInput("kubeconfig " + file + " is not a kubeconfig: " + e.getMessage(), e);
        }
        List<String> contexts = parsed == null || parsed.getContexts() == null ? List.of()
                : parsed.getContexts().stream().map(NamedContext::getName).toList();
        String chosen = context != null ? context : parsed == null ? null : parsed.getCurrentContext();
        if (chosen == null || chosen.isBlank() || !contexts.contains(chosen)) {
            throw ChaosException.badInput("kubeconfig " + file + (context != null ? " has no context '" + context + "'"
                    : " names no current context") + "; its contexts: " + (contexts.isEmpty() ? "none" : String.join(", ", contexts))
                    + " (choose one with --context)");
        }
        Config config;
        try {
            config = Config.fromKubeconfig(chosen, contents, file.toAbsolutePath().toString());
        } catch (RuntimeException e) {
            throw ChaosException.badInput("kubeconfig " + file + " (context " + chosen + ") cannot be used: " + e.getMessage(), e);
        }
        KubernetesClient client = connect(config);
        try {
            probe(client, "kubeconfig " + file + ", context " + chosen);
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * A client with short timeouts and no automatic retries: an absent cluster fails in seconds,
     * and a drain sees every refusal (fabric8 otherwise retries 429 and 5xx by itself).
     */
    static KubernetesClient connect(Config config) {
        Config tuned = new ConfigBuilder(config)
                .withConnectionTimeout((int) CONNECT_TIMEOUT.toMillis())
                .withRequestTimeout((int) REQUEST_TIMEOUT.toMillis())
                .withRequestRetryBackoffLimit(0)
                .build();
        return new KubernetesClientBuilder().withConfig(tuned).build();
    }

    /** Fails with bad input when the API server does not answer or denies what the harness needs. */
    static void probe(KubernetesClient client, String what) {
        String url = String.valueOf(client.getMasterUrl());
        try {
            CompletableFuture.supplyAsync(client::getKubernetesVersion).get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw ChaosException.badInput("the cluster of " + what + " does not answer at " + url + " within "
                    + PROBE_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw ChaosException.badInput("the cluster of " + what + " does not answer at " + url + ": " + rootMessage(e.getCause()),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChaosException.badInput("interrupted while reaching the cluster of " + what);
        }
        List<RequiredAccess.Check> denied = denied(client);
        if (!denied.isEmpty()) {
            throw ChaosException.badInput("the user of " + what + " may not do what the harness needs, so nothing was deployed: "
                    + String.join("; ", denied.stream().map(c -> c + " (" + RequiredAccess.covering(c).why() + ")").toList())
                    + ". The ClusterRole in harness/kubernetes/rbac.yaml grants all of it; bind it to this user");
        }
    }

    /** Asks about every declared verb, each with a SelfSubjectAccessReview: the API server's own answer, RBAC or not. */
    static List<RequiredAccess.Check> denied(KubernetesClient client) {
        List<RequiredAccess.Check> denied = new ArrayList<>();
        for (RequiredAccess.Check need : RequiredAccess.all()) {
            SelfSubjectAccessReview review = client.authorization().v1().selfSubjectAccessReview().create(
                    new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
                            .withGroup(need.apiGroup()).withVerb(need.verb()).withResource(need.resource())
                            .withSubresource(need.subresource().isEmpty() ? null : need.subresource())
                            .endResourceAttributes().endSpec().build());
            // An API server always answers with a status; no status (a test double) says nothing.
            if (review.getStatus() != null && !Boolean.TRUE.equals(review.getStatus().getAllowed())) {
                denied.add(need);
            }
        }
        return denied;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == t ? message : t.getMessage() + " (" + message + ")";
    }
}
