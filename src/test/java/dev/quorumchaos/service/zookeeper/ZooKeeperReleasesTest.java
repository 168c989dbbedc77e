package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.ChaosException;
import org.eclipse.aether.repository.RemoteRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Resolving a release's server jars with Maven's resolver: what a member needs, and each way it fails named. */
class ZooKeeperReleasesTest {

    @Test
    void resolvesAnOlderReleaseIntoTheUsersRepositoryWithoutLogbackOrAnotherSlf4j() {
        List<Path> jars = ZooKeeperReleases.forUser(Path.of(System.getProperty("user.home"))).serverJars("3.8.4");
        assertThat(jars).extracting(p -> p.getFileName().toString())
                .contains("zookeeper-3.8.4.jar", "zookeeper-jute-3.8.4.jar")
                .noneMatch(n -> n.startsWith("logback") || n.startsWith("slf4j") || n.contains("tcnative"));
        assertThat(jars).allMatch(p -> p.startsWith(Path.of(System.getProperty("user.home"), ".m2", "repository")));
    }

    @Test
    void theHarnessKnowsItsOwnRelease() {
        assertThat(ZooKeeperReleases.harnessVersion()).isEqualTo("3.9.5");
    }

    @Test
    void aReleaseOutsideWhatMembersCanRunIsBadInputNamingIt() {
        assertThatThrownBy(() -> new ZooKeeperReleases(Path.of("unused"), ZooKeeperReleases.CENTRAL).serverJars("3.7.99"))
                .isInstanceOf(ChaosException.class).matches(e -> ((ChaosException) e).badInput())
                .hasMessageContaining("ZooKeeper 3.7.99 is not a release the local target can start");
    }

    @Test
    void aReleaseCentralDoesNotServeSaysSo(@TempDir Path empty) {
        // a fresh local repository, so the answer is Central's, not a cached "not found"
        assertThatThrownBy(() -> new ZooKeeperReleases(empty, ZooKeeperReleases.CENTRAL).serverJars("3.9.99"))
                .isInstanceOf(ChaosException.class).matches(e -> ((ChaosException) e).badInput())
                .hasMessageContaining("ZooKeeper 3.9.99 is not a release https://repo.maven.apache.org/maven2/ serves");
    }

    @Test
    void anUnreachableRepositorySaysSoRatherThanBlamingTheVersion(@TempDir Path empty) {
        RemoteRepository nowhere = new RemoteRepository.Builder("central", "default", "http://127.0.0.1:9/maven2/").build();
        assertThatThrownBy(() -> new ZooKeeperReleases(empty, nowhere).serverJars("3.8.4"))
                .isInstanceOf(ChaosException.class).matches(e -> ((ChaosException) e).badInput())
                .hasMessageContaining("http://127.0.0.1:9/maven2/ is unreachable")
                .hasMessageContaining("does not hold it yet");
    }
}
