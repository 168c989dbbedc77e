package dev.quorumchaos.platform.kubernetes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * --target auto skips Testcontainers only where nothing it reads exists; each thing one of its
 * strategies would use must be seen, or a machine with Docker would silently run locally.
 */
class DockerEndpointsTest {

    @TempDir
    Path home;

    private final ClassLoader empty = new URLClassLoader(new URL[0], null);

    private DockerEndpoints with(Map<String, String> env, Properties system) {
        return new DockerEndpoints(env, system, home, empty);
    }

    @Test
    void anEmptyHomeAndNoSettingsMeanNoEngine() {
        // only the machine's own sockets may be found: none here, /var/run/docker.sock where Docker runs
        assertThat(with(Map.of("PATH", home.toString()), new Properties()).candidates())
                .allSatisfy(c -> assertThat(c).matches("/(var/)?run/(user/\\d+/)?docker\\.sock"));
    }

    @Test
    void dockerHostOrATestcontainersVariableIsACandidate() {
        assertThat(with(Map.of("DOCKER_HOST", "tcp://10.0.0.1:2375"), new Properties()).candidates())
                .contains("$DOCKER_HOST");
        assertThat(with(Map.of("TESTCONTAINERS_DOCKER_CLIENT_STRATEGY", "x"), new Properties()).candidates())
                .contains("$TESTCONTAINERS_DOCKER_CLIENT_STRATEGY");
        Properties system = new Properties();
        system.setProperty("docker.host", "unix:///tmp/d.sock");
        assertThat(with(Map.of(), system).candidates()).contains("-Ddocker.host");
    }

    @Test
    void settingsFilesAndTheDockerDirectoryInTheHomeAreCandidates() throws IOException {
        Files.writeString(home.resolve(".testcontainers.properties"), "tc.host=tcp://h:2375\n");
        Files.createDirectories(home.resolve(".docker/run"));
        assertThat(with(Map.of(), new Properties()).candidates())
                .contains(home.resolve(".testcontainers.properties").toString(), home.resolve(".docker").toString());
    }

    @Test
    void aRootlessSocketUnderTheRuntimeDirectoryIsACandidate() throws IOException {
        Path runtime = Files.createDirectories(home.resolve("runtime"));
        Files.createFile(runtime.resolve("docker.sock"));
        assertThat(with(Map.of("XDG_RUNTIME_DIR", runtime.toString()), new Properties()).candidates())
                .contains(runtime.resolve("docker.sock").toString());
    }

    @Test
    void dockerMachineOnThePathIsACandidate() throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path machine = Files.createFile(bin.resolve("docker-machine"));
        machine.toFile().setExecutable(true);
        assertThat(with(Map.of("PATH", bin.toString()), new Properties()).candidates()).contains("docker-machine");
    }

    @Test
    void aTestcontainersPropertiesResourceIsACandidate() throws IOException {
        Path resources = Files.createDirectories(home.resolve("resources"));
        Files.writeString(resources.resolve("testcontainers.properties"), "docker.host=tcp://h:2375\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[]{resources.toUri().toURL()}, null)) {
            assertThat(new DockerEndpoints(Map.of(), new Properties(), home, loader).candidates())
                    .contains("classpath:testcontainers.properties");
        }
    }
}
