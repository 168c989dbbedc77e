package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.fault.nodeloss.Kubelets;
import dev.quorumchaos.settings.NodeLossSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Losing a node of a cluster the harness did not create: refused unless the run was given
 * {@code --allow-node-loss}, and then done by the user's own command ({@code --node-loss-command}),
 * run by {@code sh -c} with {@code CHAOS_NODE} (the node's name) and {@code CHAOS_KUBELET}
 * ({@code stop} or {@code start}) in its environment, e.g.
 * {@code ssh "$CHAOS_NODE" sudo systemctl "$CHAOS_KUBELET" kubelet}, or a cloud provider's CLI.
 *
 * <p>Why a command and not a pod: the API can stop a kubelet (a privileged pod on the node running
 * {@code nsenter -t 1 -m -u -i -n -p -- systemctl stop kubelet}, as {@code kubectl debug node/...}
 * does), but nothing can start it again through the API, since exec into a pod goes through the
 * kubelet that is stopped. A start scheduled at stop time ({@code systemd-run --on-active=...})
 * would take from the scenario the moment the node comes back, and a crashed harness could not
 * bring it back sooner. The team that runs the cluster has a way onto its nodes; the harness uses
 * it.
 */
final class NodeLossCommand implements Kubelets {

    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final NodeLossSettings settings;
    private final String cluster;

    NodeLossCommand(NodeLossSettings settings, String cluster) {
        this.settings = settings;
        this.cluster = cluster;
    }

    @Override
    public String how() {
        return settings.command() == null ? "no --node-loss-command" : "--node-loss-command '" + settings.command() + "'";
    }

    @Override
    public Optional<String> refusal() {
        if (!settings.allowed()) {
            return Optional.of("refusing to lose a node of " + cluster + ": stopping a node's kubelet takes every pod on"
                    + " it out of Kubernetes' hands, other teams' pods included, until it is started again; pass"
                    + " --allow-node-loss with --node-loss-command 'ssh \"$CHAOS_NODE\" sudo systemctl \"$CHAOS_KUBELET\""
                    + " kubelet' (or your own way onto the nodes) to do it anyway");
        }
        if (settings.command() == null) {
            return Optional.of("--allow-node-loss needs --node-loss-command: the harness cannot start a stopped kubelet"
                    + " through the Kubernetes API (exec goes through the kubelet), so it runs your command with"
                    + " $CHAOS_NODE and $CHAOS_KUBELET (stop|start), e.g. 'ssh \"$CHAOS_NODE\" sudo systemctl"
                    + " \"$CHAOS_KUBELET\" kubelet'");
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> cannotLose(String node) {
        return Optional.empty();
    }

    @Override
    public void stop(String node) {
        run(node, "stop");
    }

    @Override
    public void start(String node) {
        run(node, "start");
    }

    private void run(String node, String action) {
        String reason = refusal().orElse(null);
        if (reason != null) {
            throw ChaosException.badInput(reason);
        }
        Path output = null;
        try {
            // to a file, not a pipe: a chatty command cannot fill a pipe and hang while nobody reads it
            output = Files.createTempFile("chaos-node-loss-", ".log");
            ProcessBuilder builder = new ProcessBuilder("sh", "-c", settings.command()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("CHAOS_NODE", node);
            builder.environment().put("CHAOS_KUBELET", action);
            Process process = builder.start();
            boolean done = process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                process.destroyForcibly();
            }
            String said = tail(Files.readString(output, StandardCharsets.UTF_8));
            if (!done) {
                throw new ChaosException("--node-loss-command did not " + action + " the kubelet of node " + node
                        + " within " + TIMEOUT.toMinutes() + " min" + (said.isEmpty() ? "" : ": " + said));
            }
            if (process.exitValue() != 0) {
                throw new ChaosException("--node-loss-command exited " + process.exitValue() + " when asked to " + action
                        + " the kubelet of node " + node + (said.isEmpty() ? "" : ": " + said));
            }
        } catch (IOException e) {
            throw new ChaosException("cannot run --node-loss-command to " + action + " the kubelet of node " + node + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosException("interrupted while --node-loss-command was to " + action + " the kubelet of node " + node);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    /** The last 2000 characters of what the command printed, trimmed: enough for its error. */
    private static String tail(String printed) {
        String trimmed = printed.trim();
        return trimmed.length() <= 2000 ? trimmed : "..." + trimmed.substring(trimmed.length() - 2000);
    }
}
