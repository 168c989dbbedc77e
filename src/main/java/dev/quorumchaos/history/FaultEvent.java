package dev.quorumchaos.history;

import java.util.List;

/**
 * A fault was applied or recovered.
 *
 * @param faultId     identifies one injection; apply and recover share it
 * @param kind        the fault kind, e.g. {@code kill}, {@code pause}
 * @param description what a person reads, e.g. "kill leader (member 2)"
 * @param members     the members it hit
 */
public record FaultEvent(String faultId, String kind, String description, Phase phase,
                         List<Integer> members, long timeNanos, String detail) {

    public enum Phase { APPLY, RECOVER }

    public long timeMillis() {
        return timeNanos / 1_000_000;
    }
}
