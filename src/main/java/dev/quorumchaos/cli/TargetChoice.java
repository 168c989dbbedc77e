package dev.quorumchaos.cli;

import dev.quorumchaos.ChaosException;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Turns {@code --target} into a concrete target and says why when it chose. */
final class TargetChoice {

    private TargetChoice() {
    }

    static String choose(String requested, PrintStream out) {
        return switch (requested) {
            case "local" -> "local";
            case "auto" -> {
                String docker = dockerEngine();
                out.println("chaos: target auto -> local (" + (docker == null
                        ? "no Docker engine answers, so no k3s cluster can be started"
                        : "Kubernetes targets are not built into this version") + ")");
                yield "local";
            }
            case "k3s", "kubeconfig" -> throw ChaosException.badInput("target '" + requested
                    + "' is not available in this version of the harness; use --target local");
            default -> throw ChaosException.badInput("unknown target '" + requested
                    + "': choose auto, local, k3s or kubeconfig");
        };
    }

    /** The Docker socket, if one exists; the k3s target checks that the engine really answers. */
    static String dockerEngine() {
        String host = System.getenv("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
            return host;
        }
        Path socket = Path.of("/var/run/docker.sock");
        return Files.exists(socket) ? socket.toString() : null;
    }
}
