package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.settings.RunSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where Testcontainers would look for a Docker engine, read from files and variables alone.
 * Asking Testcontainers itself loads its shaded Docker client and tries each of its strategies:
 * most of a second of a local run's start. Where none of what those strategies read exists
 * (no {@code DOCKER_HOST}, no socket at any path they try, no Testcontainers or docker-java
 * settings, no Docker CLI config, no docker-machine), their answer can only be "no engine", and
 * {@code --target auto} takes the local target without asking. Anything found is handed to
 * Testcontainers, which then decides as before.
 */
public final class DockerEndpoints {

    private final Map<String, String> env;
    private final Properties system;
    private final Path home;
    private final ClassLoader loader;

    DockerEndpoints(Map<String, String> env, Properties system, Path home, ClassLoader loader) {
        this.env = env;
        this.system = system;
        this.home = home;
        this.loader = loader;
    }

    /** This process's environment, system properties, home and classpath, as the settings read them. */
    public static DockerEndpoints of(RunSettings.Machine machine) {
        Properties system = new Properties();
        system.putAll(machine.systemProperties());
        return new DockerEndpoints(machine.environment(), system, machine.userHome(),
                DockerEndpoints.class.getClassLoader());
    }

    /** What might point Testcontainers at an engine; empty when there is certainly none. */
    public List<String> candidates() {
        List<String> found = new ArrayList<>();
        for (String variable : List.of("DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_CERT_PATH")) {
            if (env.containsKey(variable)) {
                found.add("$" + variable);
            }
        }
        // TestcontainersConfiguration reads any setting from TESTCONTAINERS_* variables
        env.keySet().stream().filter(k -> k.startsWith("TESTCONTAINERS_")).sorted().forEach(k -> found.add("$" + k));
        for (String property : List.of("docker.host", "tc.host", "dockerconfig.source")) {
            if (system.containsKey(property)) {
                found.add("-D" + property);
            }
        }
        List<Path> files = new ArrayList<>(List.of(
                home.resolve(".testcontainers.properties"),
                home.resolve(".docker-java.properties"),
                home.resolve(".docker"), // the CLI's config (current context), Desktop's and rootless sockets
                Path.of("/var/run/docker.sock"),
                Path.of("/run/docker.sock")));
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null) {
            files.add(Path.of(runtimeDir, "docker.sock"));
        }
        String uid = env.get("UID");
        files.add(Path.of("/run/user", uid != null ? uid : userId(), "docker.sock"));
        files.stream().filter(Files::exists).forEach(f -> found.add(f.toString()));
        for (String resource : List.of("testcontainers.properties", "docker-java.properties")) {
            if (loader.getResource(resource) != null) {
                found.add("classpath:" + resource);
            }
        }
        if (onPath("docker-machine")) {
            found.add("docker-machine");
        }
        return found;
    }

    private boolean onPath(String command) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** The owner of this user's home, as Testcontainers' rootless strategy guesses /run/user/UID. */
    private String userId() {
        try {
            return Files.getAttribute(home, "unix:uid").toString();
        } catch (java.io.IOException | RuntimeException e) {
            return "0";
        }
    }
}
