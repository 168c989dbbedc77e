package dev.quorumchaos.check.budget;

import java.time.Instant;
import java.util.List;

/** From {@code at} on, these members were not Ready (absent, starting, not serving or leaving). */
public record UnreadyPods(Instant at, List<String> pods) {

    public UnreadyPods {
        pods = List.copyOf(pods);
    }

    public int count() {
        return pods.size();
    }
}
