package dev.quorumchaos.settings;

import dev.quorumchaos.ChaosException;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * How this run was asked to behave, and what the process found around it: the only reader of
 * system properties and environment variables (an architecture test holds every other class to
 * that). The CLI sets {@code chaos.*} properties before it starts Cucumber; Maven and the IDE get
 * the defaults (or {@code -Dchaos.target=...}). Read at an entry point (a scenario's world, a CLI
 * command, a Cucumber plugin) and passed down as values; a malformed value is bad input naming the
 * property.
 *
 * @param seedGiven      whether {@code chaos.seed} was set; {@code seed} is 0 when not
 * @param kubeconfig     {@code chaos.kubeconfig}; null for {@code $KUBECONFIG} or {@code ~/.kube/config},
 *                       see {@link #kubeconfigOrDefault()}
 * @param runLog         where full traces and tidy-up warnings go; the CLI names one per process,
 *                       under Maven or an IDE it sits beside the reports
 * @param runLogNamed    whether {@code chaos.runLog} named it
 * @param workDir        where run directories, logs and the machine id live ({@code .chaos})
 * @param home           where the harness's own files are ({@code chaos.home}, set by the launcher)
 * @param manifests      the Kubernetes manifests directory; null for the built-in one
 * @param k3sImage       the k3s image; null for the pinned default
 * @param reuseEnsembles whether a healthy local ensemble is reused by the next scenario (on unless
 *                       {@code chaos.reuseEnsembles=false}, e.g. to rule it out when chasing a bug)
 * @param standbyMembers whether member JVMs are started ahead of need (on unless
 *                       {@code chaos.standbyMembers=false})
 * @param memberJvmFlags extra JVM flags for each ZooKeeper member; empty for none
 */
public record RunSettings(String target, Path reportDir, Duration restartDelay, long seed, boolean seedGiven,
                          Path faultsDir, Path kubeconfig, String context, boolean allowSharedNodes, Path runLog,
                          boolean runLogNamed, Path workDir, Path home, Path manifests, String k3sImage, boolean reuseEnsembles,
                          boolean standbyMembers, String memberJvmFlags, Machine machine) {

    /**
     * What the harness's process found on this machine: its environment, its JVM, the system
     * properties other libraries read (Testcontainers' {@code docker.host}).
     */
    public record Machine(Map<String, String> environment, Map<String, String> systemProperties, Path userHome,
                          Path javaHome, String classPath, String vmVersion) {

        public Machine {
            environment = Map.copyOf(environment);
            systemProperties = Map.copyOf(systemProperties);
        }

        /** The directories of {@code $PATH}, in order. */
        public java.util.List<Path> path() {
            String path = environment.getOrDefault("PATH", "");
            return java.util.Arrays.stream(path.split(File.pathSeparator)).filter(d -> !d.isEmpty()).map(Path::of).toList();
        }

        /** The java launcher of this JVM. */
        public Path java() {
            return javaHome.resolve("bin").resolve("java");
        }
    }

    /** This process's system properties and environment, read now. */
    public static RunSettings fromSystem() {
        return from(System.getProperties(), System.getenv());
    }

    public static RunSettings from(Properties properties, Map<String, String> environment) {
        String target = properties.getProperty("chaos.target", "local");
        Path reportDir = Path.of(properties.getProperty("chaos.reportDir", "target/chaos-reports"));
        Duration restartDelay;
        try {
            restartDelay = Duration.ofMillis(Long.parseLong(properties.getProperty("chaos.restartDelayMs", "1000")));
        } catch (NumberFormatException e) {
            throw ChaosException.badInput("chaos.restartDelayMs must be a number of milliseconds, not '"
                    + properties.getProperty("chaos.restartDelayMs") + "'");
        }
        String seedText = properties.getProperty("chaos.seed");
        long seed;
        try {
            seed = seedText == null ? 0 : Long.parseLong(seedText);
        } catch (NumberFormatException e) {
            throw ChaosException.badInput("chaos.seed must be a whole number, not '" + seedText + "'");
        }
        Path faultsDir = Path.of(properties.getProperty("chaos.faultsDir", "faults"));
        String kubeconfig = properties.getProperty("chaos.kubeconfig", "");
        String context = properties.getProperty("chaos.context", "");
        String runLog = properties.getProperty("chaos.runLog", "");
        String manifests = properties.getProperty("chaos.manifests", "");
        return new RunSettings(target, reportDir, restartDelay, seed, seedText != null, faultsDir,
                kubeconfig.isEmpty() ? null : Path.of(kubeconfig), context.isEmpty() ? null : context,
                "true".equalsIgnoreCase(properties.getProperty("chaos.allowSharedNodes")),
                runLog.isEmpty() ? reportDir.resolve("harness.log") : Path.of(runLog), !runLog.isEmpty(),
                Path.of(properties.getProperty("chaos.workDir", ".chaos")),
                Path.of(properties.getProperty("chaos.home", ".")),
                manifests.isEmpty() ? null : Path.of(manifests),
                properties.getProperty("chaos.k3s.image"),
                !"false".equals(properties.getProperty("chaos.reuseEnsembles")),
                !"false".equals(properties.getProperty("chaos.standbyMembers")),
                properties.getProperty("chaos.member.jvmFlags", "").trim(),
                machine(properties, environment));
    }

    private static Machine machine(Properties properties, Map<String, String> environment) {
        Map<String, String> system = new java.util.HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            system.put(name, properties.getProperty(name));
        }
        return new Machine(environment, system, Path.of(properties.getProperty("user.home", ".")),
                Path.of(properties.getProperty("java.home", ".")), properties.getProperty("java.class.path", ""),
                properties.getProperty("java.vm.version", ""));
    }

    /** {@code chaos.allowNodeLoss} and {@code chaos.nodeLossCommand}, as the run was given them. */
    public NodeLossSettings nodeLoss() {
        return new NodeLossSettings("true".equalsIgnoreCase(machine.systemProperties().get("chaos.allowNodeLoss")),
                machine.systemProperties().get("chaos.nodeLossCommand"));
    }

    /** Where run directories go: {@code runs} under the work directory, absolute. */
    public Path runsDir() {
        return workDir.toAbsolutePath().resolve("runs");
    }

    /** The kubeconfig to read: the one given, else the first of {@code $KUBECONFIG}, else {@code ~/.kube/config}. */
    public Path kubeconfigOrDefault() {
        if (kubeconfig != null) {
            return kubeconfig;
        }
        String env = machine.environment().get("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            return Path.of(env.split(File.pathSeparator)[0]);
        }
        return machine.userHome().resolve(".kube").resolve("config");
    }
}
