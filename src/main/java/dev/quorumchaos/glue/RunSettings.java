package dev.quorumchaos.glue;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.report.RunLog;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How this run was asked to behave. The CLI sets these as system properties before it starts
 * Cucumber; Maven and the IDE get the defaults (or {@code -Dchaos.target=...}). Read once per
 * scenario, never written by the glue.
 */
public record RunSettings(String target, Path reportDir, Duration restartDelay, long seed, Path faultsDir,
                          Path kubeconfig, String context, boolean allowSharedNodes, Path runLog) {

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
        long seed;
        try {
            seed = Long.parseLong(System.getProperty("chaos.seed", "0"));
        } catch (NumberFormatException e) {
            throw ChaosException.badInput("chaos.seed must be a whole number, not '" + System.getProperty("chaos.seed") + "'");
        }
        Path faultsDir = Path.of(System.getProperty("chaos.faultsDir", "faults"));
        String kubeconfig = System.getProperty("chaos.kubeconfig", "");
        String context = System.getProperty("chaos.context", "");
        // the CLI names one log per process; under Maven or an IDE it sits beside the reports
        String runLog = System.getProperty("chaos.runLog", "");
        return new RunSettings(target, reportDir, restartDelay, seed, faultsDir,
                kubeconfig.isEmpty() ? null : Path.of(kubeconfig), context.isEmpty() ? null : context,
                Boolean.getBoolean("chaos.allowSharedNodes"),
                runLog.isEmpty() ? reportDir.resolve("harness.log") : Path.of(runLog));
    }

    /** Where full traces and tidy-up warnings go; the terminal gets one line each. */
    public RunLog log() {
        return RunLog.at(runLog);
    }
}
