package dev.quorumchaos.report;

import io.cucumber.core.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Replayed at the end, Cucumber's formatters write what they write when they run live. */
class CucumberReportsTest {

    @TempDir
    Path dir;

    @Test
    void theReplayedReportsAreTheLiveOnesByteForByte() throws Exception {
        Path live = Files.createDirectories(dir.resolve("live"));
        Path replayed = Files.createDirectories(dir.resolve("replayed"));
        // one run feeds both: the same messages, so any difference is the replay's
        byte status = Main.run(new String[]{"--dry-run", "--glue", "dev.quorumchaos.glue", "--monochrome",
                "--plugin", "html:" + live.resolve("cucumber.html"),
                "--plugin", "json:" + live.resolve("cucumber.json"),
                "--plugin", "junit:" + live.resolve("junit.xml"),
                "--plugin", CucumberReports.class.getName() + ":" + replayed,
                "features/zookeeper/kill.feature", "features/zookeeper/partition.feature"},
                Thread.currentThread().getContextClassLoader());

        assertThat(status).isZero();
        for (String file : new String[]{"cucumber.html", "cucumber.json", "junit.xml"}) {
            assertThat(Files.size(live.resolve(file))).as(file).isPositive();
            assertThat(replayed.resolve(file)).as(file).hasSameBinaryContentAs(live.resolve(file));
        }
        assertThat(Files.readString(replayed.resolve("junit.xml"))).contains("The leader is killed while a client writes");
    }
}
