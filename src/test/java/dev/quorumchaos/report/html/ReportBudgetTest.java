package dev.quorumchaos.report.html;

import dev.quorumchaos.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 5's budget: a 30-minute, 100k-operation scenario renders in under 2 s into under 5 MB. */
class ReportBudgetTest {

    @TempDir
    Path dir;

    @Test
    void aThirtyMinuteScenarioRendersUnderTwoSecondsIntoUnderFiveMegabytes() throws Exception {
        Files.write(dir.resolve("results.json"), Json.MAPPER.writeValueAsBytes(SyntheticRun.results()));

        long start = System.nanoTime();
        Path index = ResilienceReport.write(dir, dir.resolve("history.jsonl"));
        long ms = (System.nanoTime() - start) / 1_000_000;

        System.out.printf("30-minute scenario: index.html %d bytes in %d ms (first write in this JVM)%n",
                Files.size(index), ms);
        assertThat(Files.size(index)).isLessThan(5_000_000);
        assertThat(ms).isLessThan(2000);
        assertThat(Files.readString(index)).contains("data-member=\"4\"").contains("no acknowledged write lost");
    }
}
