package dev.quorumchaos.report.html;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.report.Json;
import dev.quorumchaos.report.ResultsJson;
import dev.quorumchaos.report.results.RunResults;
import dev.quorumchaos.report.trend.HistoryEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.quorumchaos.report.ResultsJson.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResilienceReportTest {

    private static final String RUN = "2026-11-25T22:39:43.474Z";

    @TempDir
    Path dir;

    static Path sample() throws Exception {
        return Path.of(ResilienceReportTest.class.getResource("/dev/quorumchaos/report/mixed-results.json").toURI());
    }

    private static ResultsJson budgetExceeded(String name) {
        return scenario(name).budget(1).durationMs(3211)
                .failedAt("Then the disruption budget is never exceeded (expected-failures.feature:10)",
                        "FAIL: disruption budget of 1: budget exceeded: 2 members [0, 1] unavailable at once at 1921 ms")
                .fault("kill 2 follower(s) [0, 1]", List.of(0, 1), 1908, 2927L)
                .role(0, "follower", 1823).role(1, "follower", 1880).role(2, "leader", 1798)
                .role(0, "down", 1914).role(1, "down", 1921).role(2, "looking", 2275)
                .quorumFlips(1823, 1921)
                .metric("withoutQuorumMs", 1290).metric("maxUnavailableMembers", 2)
                .check("disruption budget of 1", "budget", "fail", "budget exceeded: 2 members [0, 1] unavailable at once",
                        Map.of("budget", 1, "maxUnavailable", 2, "firstExceededAtMs", 1921, "exceededForMs", 1248,
                                "unavailable", List.of(Map.of("member", 0, "state", "down", "fromMs", 1914, "toMs", 3169))));
    }

    @Test
    void namesAndEvidenceFromTheRunAreEscapedNeverInterpreted() {
        String nasty = "<script>alert(\"x\")</script> & <b>co</b>";
        RunResults run = ResultsJson.run(RUN, budgetExceeded(nasty)
                .fault("pause \"member\" <1>", List.of(1), 2500, 2600L)
                .check("check <i>", "fail", "summary & <img src=x>", Map.of("key<", List.of("/o/<0>"))));

        String html = ResilienceReport.render(run, List.of());

        assertThat(html).doesNotContain("<script>").doesNotContain("<b>co</b>").doesNotContain("<img")
                .doesNotContain("<i>").doesNotContain("/o/<0>");
        assertThat(html).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;co&lt;/b&gt;")
                .contains("pause &quot;member&quot; &lt;1&gt;").contains("summary &amp; &lt;img src=x&gt;")
                .contains("/o/&lt;0&gt;");
    }

    @Test
    void aFailingCheckShowsItsEvidenceTheFailingStepAndWhereTheBudgetWasExceeded() {
        String html = ResilienceReport.render(ResultsJson.run(RUN, budgetExceeded("two followers")), List.of());

        assertThat(html).contains("RUN FAILED: 1 of 1 scenario failed")
                .contains("Then the disruption budget is never exceeded (expected-failures.feature:10)")
                .contains("FAIL: disruption budget of 1: budget exceeded")
                .contains("budget first exceeded").contains("at 1.92 s")   // evidence, on the scenario's clock
                .contains("over budget for").contains("1.25 s")
                .contains("unavailability windows")
                .contains("class=\"mark mark-budget\"").contains("budget exceeded: 2 &gt; 1")     // the mark on the timeline
                .contains("13 ms after kill 2 follower(s) [0, 1]");
    }

    @Test
    void lostWritesAreListedAndTheFirstLostWriteIsMarked() {
        String html = ResilienceReport.render(ResultsJson.run(RUN, scenario("volumes").quorumFlips(1000)
                .failedAt("Then no acknowledged write is lost", "FAIL: 74 acknowledged write(s) lost")
                .metric("lostWrites", 74)
                .check("no acknowledged write lost", "durability", "fail", "74 acknowledged write(s) lost",
                        Map.of("lostWrites", 74, "lost", List.of("/orders/0-0", "/orders/0-1"),
                                "lostByMember", Map.of("member 2", List.of("/orders/0-0")), "firstLostWrittenAtMs", 2729))),
                List.of());

        assertThat(html).contains("<code class=\"chip\">/orders/0-0</code>").contains("<code class=\"chip\">/orders/0-1</code>")
                .contains("the first 2 of 74").contains("missing, by member").contains("member 2")
                .contains("class=\"mark mark-lost-write\"").contains("first lost write written")
                .contains("durability violated");
    }

    @Test
    void theTimelineHasALanePerMemberAQuorumLaneAndTheOutageWithItsLength() {
        String html = ResilienceReport.render(ResultsJson.run(RUN, scenario("kill leader").members(5).durationMs(8000)
                .quorumFlips(1000, 2010, 2610).fault("kill leader (member 4)", List.of(4), 2000, 3000L)
                .opsAt(2, 50, 1, 1)), List.of());

        for (int m = 0; m < 5; m++) {
            assertThat(html).contains("data-member=\"" + m + "\"");
        }
        assertThat(html).contains("class=\"lane quorum\"").contains("NO QUORUM 2.01 s → 2.61 s (600 ms)").contains("back after 600 ms")
                .contains("class=\"lane ops\"").contains("2.00 s: 50 ok, 1 fail, 1 info")
                .contains(">kill leader (member 4)</text>").contains("class=\"fault-target\"");
    }

    @Test
    void failedScenariosComeFirstInTheSample() throws Exception {
        String html = ResilienceReport.render(RunResults.read(sample()), List.of());

        Matcher sections = Pattern.compile("<section class=\"scenario (\\w+)\"").matcher(html);
        StringBuilder order = new StringBuilder();
        while (sections.find()) {
            order.append(sections.group(1).charAt(0));
        }
        assertThat(order.toString()).isEqualTo("ffffpppp");
        assertThat(html.indexOf("What failed")).isLessThan(html.indexOf("<section class=\"scenario"));
        assertThat(html).contains("score = 100 × C × (¼ + ¾ × A)");
    }

    @Test
    void theScoreFormulaIsWrittenInTheReportWithItsWeights() throws Exception {
        String html = ResilienceReport.render(RunResults.read(sample()), List.of());

        assertThat(html).contains("id=\"score-formula\"").contains("weighted probe success of LitmusChaos")
                .contains("krkn's SLOs kept out of total").contains("<b>quorum</b> (weight 3.00)")
                .contains("<b>writes</b> (weight 2.00)").contains("<b>budget</b> (weight 1.00)")
                .contains("<b>SLOs</b> (weight 2.00)").contains("every 10.0 s without quorum halves it")
                .contains("18 = 100 × 0.20 × (¼ + ¾ × 0.88)");
    }

    @Test
    void writeRendersIndexBesideResultsAndAppendsTheRunToTheHistory() throws Exception {
        Files.copy(sample(), dir.resolve("results.json"));
        Path history = dir.resolve("../history-" + dir.getFileName() + ".jsonl").normalize();
        try {
            Path index = ResilienceReport.write(dir, history);
            ResilienceReport.write(dir, history); // the same run rendered again keeps one line

            assertThat(index).isEqualTo(dir.resolve("index.html"));
            assertThat(Files.readString(index)).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
            List<String> lines = Files.readAllLines(history);
            assertThat(lines).singleElement().satisfies(line -> {
                HistoryEntry entry = Json.MAPPER.readValue(line, HistoryEntry.class);
                assertThat(entry.failed()).isEqualTo(4);
                assertThat(entry.lostWrites()).isEqualTo(74);
                assertThat(entry.worstTimeToQuorumMs()).isEqualTo(2861);
                assertThat(entry.score()).isLessThan(20);
            });
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("results.json", "index.html");
            }
        } finally {
            Files.deleteIfExists(history);
        }
    }

    @Test
    void theTrendShowsTheLastRuns() {
        List<HistoryEntry> trend = List.of(
                new HistoryEntry("2026-11-23T02:00:00Z", "local", 96.0, 8, 0, 0, 700L, 2000, 0, List.of()),
                new HistoryEntry("2026-11-24T02:00:00Z", "local", 55.0, 6, 2, 0, 4100L, 9000, 0, List.of("a", "b")),
                new HistoryEntry(RUN, "local", 17.2, 4, 4, 0, 2861L, 7571, 74, List.of("c")));

        String html = ResilienceReport.render(ResultsJson.run(RUN, budgetExceeded("x")), trend);

        assertThat(html).contains("Trend over the last 3 runs").contains("class=\"sparkline\"")
                .contains("worst time to quorum").contains("4.10 s").contains("a; b");
    }

    @Test
    void aScenarioThatFailedBeforeAnyRecordStillRenders() {
        Map<String, Object> bare = Map.of("run", Map.of("passed", 0, "failed", 1),
                "scenarios", List.of(Map.of("name", "boot failed", "status", "failed",
                        "failedStep", "Given a 3-member ZooKeeper ensemble", "error", "timed out",
                        "faults", List.of(), "checks", List.of(), "metrics", Map.of())));

        String html = ResilienceReport.render(RunResults.parse(Json.MAPPER.writeValueAsBytes(bare)), List.of());

        assertThat(html).contains("boot failed").contains("timed out").contains("No check reached a verdict");
    }

    @Test
    void missingResultsNameTheFile() {
        assertThatThrownBy(() -> ResilienceReport.write(dir, dir.resolve("history.jsonl")))
                .isInstanceOf(ChaosException.class).hasMessageContaining(dir.resolve("results.json").toString());
    }
}
