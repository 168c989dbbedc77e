package dev.quorumchaos.cli;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.platform.kubernetes.DockerEndpoints;
import dev.quorumchaos.platform.kubernetes.K3sTarget;
import dev.quorumchaos.platform.kubernetes.KubernetesTarget;
import dev.quorumchaos.settings.RunSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Turns {@code --target} into a concrete target before anything runs, and says why when it
 * chose. An unusable target (no Docker for k3s, a cluster that does not answer) is bad input:
 * exit 2 within seconds, nothing created.
 */
final class TargetChoice {

    private TargetChoice() {
    }

    static String choose(RunSettings settings, String requested, Path kubeconfig, String context, PrintStream out) {
        return switch (requested) {
            case "local" -> "local";
            case "auto" -> {
                // Testcontainers' own search costs most of a second; where nothing it reads exists, it can only say no
                boolean none = DockerEndpoints.of(settings.machine()).candidates().isEmpty();
                boolean docker = !none && K3sTarget.dockerAvailable();
                out.println("chaos: target auto -> " + (docker ? "k3s (a Docker engine answers)"
                        : none ? "local (no Docker engine here: no DOCKER_HOST, Docker socket or Testcontainers"
                                + " setting, so no k3s cluster can be started)"
                        : "local (no Docker engine answers, so no k3s cluster can be started)"));
                yield docker ? "k3s" : "local";
            }
            case "k3s" -> {
                if (!K3sTarget.dockerAvailable()) {
                    throw ChaosException.badInput("target k3s: no Docker engine answers (is the daemon running, is"
                            + " DOCKER_HOST right?); use --target local, or --target kubeconfig for an existing cluster");
                }
                yield "k3s";
            }
            case "kubeconfig" -> {
                String chosen = approvedContext(settings.workDir(), context);
                // connects now, so an unreachable cluster fails before any scenario starts
                KubernetesTarget.fromKubeconfig(settings, kubeconfig, chosen).close();
                yield "kubeconfig";
            }
            default -> throw ChaosException.badInput("unknown target '" + requested
                    + "': choose auto, local, k3s or kubeconfig");
        };
    }

    /**
     * A real cluster is only touched in a context named explicitly at least once: the first run
     * against a context must say --context, and later runs may leave it out for that context.
     */
    static String approvedContext(Path workDir, String context) {
        Path approved = workDir.resolve("approved-contexts");
        try {
            List<String> known = Files.exists(approved) ? Files.readAllLines(approved) : List.of();
            if (context != null) {
                if (!known.contains(context)) {
                    Files.createDirectories(approved.getParent());
                    Files.writeString(approved, context + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
                return context;
            }
            if (known.size() == 1) {
                return known.get(0);
            }
        } catch (IOException e) {
            throw ChaosException.badInput("cannot read or record approved contexts in " + approved + ": " + e.getMessage());
        }
        throw ChaosException.badInput("target kubeconfig: name the cluster context explicitly with --context NAME;"
                + " the harness only works in a context it was given by name (it creates its own namespaces there)");
    }
}
