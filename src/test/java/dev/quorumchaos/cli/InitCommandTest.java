package dev.quorumchaos.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chaos init}: a scaffold that runs as written (checked by a dry run of what it wrote:
 * every step matched, every catalog fault found), into a new or an empty directory, and never a
 * byte written over an existing file.
 */
class InitCommandTest {

    @TempDir
    Path dir;

    private ConsoleCapture console;

    @BeforeEach
    void capture() {
        console = ConsoleCapture.start();
    }

    @AfterEach
    void restore() {
        console.close();
    }

    private static long files(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void scaffoldsANewDirectoryWithWhatADryRunAccepts() throws Exception {
        Path team = dir.resolve("team");

        assertThat(ChaosCli.execute("init", team.toString())).isEqualTo(ChaosCli.PASSED);

        assertThat(team.resolve("features/quorum.feature")).content().contains("Given a 3-member ZooKeeper ensemble");
        assertThat(team.resolve(".github/workflows/chaos.yml")).content().contains("uses: quorum-chaos/quorum-chaos@");
        assertThat(team.resolve("README-chaos.md")).content().contains("chaos run features");
        try (Stream<Path> catalog = Files.list(Path.of("faults"))) {
            assertThat(catalog.map(f -> team.resolve("faults").resolve(f.getFileName())))
                    .isNotEmpty().allSatisfy(f -> assertThat(f).exists());
        }
        assertThat(ChaosCli.execute("run", "--dry-run", "--target", "local", "--faults", team.resolve("faults").toString(),
                team.resolve("features").toString()))
                .as("the scaffold's features against its own catalog; stderr: %s", console.err()).isEqualTo(ChaosCli.PASSED);
    }

    @Test
    void scaffoldsAnEmptyDirectory() throws Exception {
        assertThat(ChaosCli.execute("init", dir.toString())).isEqualTo(ChaosCli.PASSED);
        assertThat(dir.resolve("features/quorum.feature")).exists();
        assertThat(console.out()).contains("wrote " + files(dir) + " files into");
    }

    @Test
    void refusesToOverwriteNamingTheFileAndWritesNothing() throws Exception {
        Path workflow = Files.createDirectories(dir.resolve(".github/workflows")).resolve("chaos.yml");
        Files.writeString(workflow, "ours\n");

        assertThat(ChaosCli.execute("init", dir.toString())).isEqualTo(ChaosCli.BAD_INPUT);

        assertThat(console.err()).contains(workflow.toString()).contains("nothing was written")
                .doesNotContain("\tat ");
        assertThat(workflow).hasContent("ours");
        assertThat(files(dir)).as("nothing else written").isEqualTo(1);
    }

    @Test
    void refusesAFileWhereTheDirectoryShouldBe() throws Exception {
        Path file = Files.writeString(dir.resolve("team"), "");

        assertThat(ChaosCli.execute("init", file.toString())).isEqualTo(ChaosCli.BAD_INPUT);
        assertThat(console.err()).contains(file + ": not a directory");
    }
}
