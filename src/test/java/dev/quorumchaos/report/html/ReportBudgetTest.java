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

        // the fastest of three: a busy shared CI machine must not fail it, slow rendering must
        long first = 0;
        long fastest = Long.MAX_VALUE;
        Path index = null;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            index = ResilienceReport.write(dir, dir.resolve("history.jsonl"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            first = i == 0 ? ms : first;
            fastest = Math.min(fastest, ms);
        }
        long ms = fastest;

        System.out.printf("30-minute scenario: index.html %d bytes; first write %d ms, fastest of 3 %d ms%n",
                Files.size(index), first, fastest);
        assertThat(Files.size(index)).isLessThan(5_000_000);
        assertThat(ms).isLessThan(2000);
        assertThat(Files.readString(index)).contains("data-member=\"4\"").contains("no acknowledged write lost");
    }
}
