package dev.quorumchaos.settings;

/**
 * Whether a run may lose nodes of a cluster the harness did not create, and how
 * ({@code --allow-node-loss}, {@code --node-loss-command}).
 *
 * @param allowed whether {@code --allow-node-loss} was given
 * @param command the shell command that stops or starts a node's kubelet, run with
 *                {@code CHAOS_NODE} and {@code CHAOS_KUBELET} ({@code stop} or {@code start}) in its
 *                environment; null when none was given
 */
public record NodeLossSettings(boolean allowed, String command) {

    public NodeLossSettings {
        command = command == null || command.isBlank() ? null : command.trim();
    }
}
