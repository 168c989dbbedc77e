package dev.quorumchaos.report.html;

import dev.quorumchaos.report.Json;
import dev.quorumchaos.report.results.RunResults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures the report on a 30-minute, 5-member, 100k-operation scenario: the first write in a
 * fresh JVM (what a run pays) and warm renders, and the size of index.html. Issue 5 asks for
 * under 2 s and under 5 MB. Run: {@code java -cp target/classes:target/test-classes:$(cat
 * target/test.classpath) dev.quorumchaos.report.html.ReportBenchmark}.
 */
public final class ReportBenchmark {

    private ReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("report-benchmark");
        Map<String, Object> results = SyntheticRun.results();
        Files.write(dir.resolve("results.json"), Json.MAPPER.writeValueAsBytes(results));
        Path history = dir.resolve("history.jsonl");

        long start = System.nanoTime();
        Path index = ResilienceReport.write(dir, history);
        double coldMs = (System.nanoTime() - start) / 1e6;

        RunResults parsed = RunResults.read(dir.resolve("results.json"));
        var scenario = parsed.scenarios().get(0);
        int warmRuns = 10;
        double[] warm = new double[warmRuns];
        for (int i = 0; i < warmRuns; i++) {
            long t = System.nanoTime();
            ResilienceReport.write(dir, history);
            warm[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(warm);
        String html = ResilienceReport.render(parsed, List.of());
        System.out.printf(Locale.ROOT, "synthetic scenario: %d min, %d members, %d operations, %d role changes, %d faults,"
                        + " %d quorum intervals, %d per-second rows%n",
                scenario.durationMs() / 60_000, scenario.members(), operations(scenario), scenario.timeline().roles().size(),
                scenario.faults().size(), scenario.timeline().quorum().size(), scenario.timeline().opsPerSecond().size());
        System.out.printf(Locale.ROOT, "results.json: %.2f MB%n", Files.size(dir.resolve("results.json")) / 1e6);
        System.out.printf(Locale.ROOT, "index.html:   %.2f MB (%d bytes; page alone %d bytes)%n",
                Files.size(index) / 1e6, Files.size(index), html.length());
        System.out.printf(Locale.ROOT, "write(), first in a fresh JVM (read + score + history + render + atomic write): %.0f ms%n", coldMs);
        System.out.printf(Locale.ROOT, "write(), warm: median %.0f ms, max %.0f ms over %d runs%n", warm[warmRuns / 2],
                warm[warmRuns - 1], warmRuns);
        System.out.println("output: " + index);
    }

    private static long operations(dev.quorumchaos.report.results.ScenarioResult s) {
        return s.metrics().opsOk() + s.metrics().opsFailed() + s.metrics().opsIndeterminate();
    }
}
