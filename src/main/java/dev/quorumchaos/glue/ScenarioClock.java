package dev.quorumchaos.glue;

import dev.quorumchaos.history.History;

import java.time.Duration;
import java.util.Random;

import static org.awaitility.Awaitility.await;

/**
 * The scenario's time and chance: its history (every timestamp comes from it), its random
 * choices, seeded by the run's seed and the scenario alone, and the waits it asks for.
 */
public final class ScenarioClock {

    private final History history = new History();
    private Random random = new Random(0);

    public History history() {
        return history;
    }

    /** Called before the first step: random choices depend on the run's seed and the scenario alone. */
    void begin(long seed, String scenarioName) {
        random = seeded(seed, scenarioName);
    }

    public Random random() {
        return random;
    }

    public void letTimePass(Duration duration) {
        await("the scenario's " + duration.toMillis() + " ms wait").pollDelay(duration)
                .atMost(duration.plusSeconds(5)).until(() -> true);
    }

    static Random seeded(long seed, String scenario) {
        return new Random(seed * 31 + scenario.hashCode());
    }
}
