package dev.quorumchaos.glue;

import dev.quorumchaos.ChaosException;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How this run was asked to behave. The CLI sets these as system properties before it starts
 * Cucumber; Maven and the IDE get the defaults (or {@code -Dchaos.target=...}). Read once per
 * scenario, never written by the glue.
 */
public record RunSettings(String target, Path reportDir, Duration restartDelay) {

    public static RunSettings fromSystemProperties() {
        String target = System.getProperty("chaos.target", "local");
        Path reportDir = Path.of(System.getProperty("chaos.reportDir", "target/chaos-reports"));
        Duration restartDelay;
        try {
            restartDelay = Duration.ofMillis(Long.parseLong(System.getProperty("chaos.restartDelayMs", "1000")));
        } catch (NumberFormatException e) {
            throw ChaosException.badInput("chaos.restartDelayMs must be a number of milliseconds, not '"
                    + System.getProperty("chaos.restartDelayMs") + "'");
        }
        return new RunSettings(target, reportDir, restartDelay);
    }
}
