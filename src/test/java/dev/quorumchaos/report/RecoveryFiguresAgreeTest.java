package dev.quorumchaos.report;

import dev.quorumchaos.check.FaultRecovery;
import dev.quorumchaos.check.QuorumCheck;
import dev.quorumchaos.check.QuorumEvidence;
import dev.quorumchaos.check.Verdict;
import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberState;
import dev.quorumchaos.history.MemberStateChange;
import dev.quorumchaos.report.html.ResilienceReport;
import dev.quorumchaos.report.results.RunResults;
import dev.quorumchaos.report.results.ScenarioResult;
import dev.quorumchaos.report.score.ResilienceScore;
import dev.quorumchaos.report.trend.HistoryEntry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time-to-quorum per fault is computed once, by the check role: results.json, the HTML report,
 * the trend and the quorum check's own evidence must show the same figure for every fault.
 */
class RecoveryFiguresAgreeTest {

    private static final long MS = 1_000_000;

    @Test
    void aPauseThatKeptQuorumThenALeaderKillShowZeroAndThreeHundredEverywhere() {
        History h = new History();
        up(h, 50);
        fault(h, "pause-1", "pause", "pause member 0 for 5 s", 0, 100);
        state(h, 0, MemberState.UNRESPONSIVE, 150);
        fault(h, "kill-2", "kill", "kill leader (member 2)", 2, 200);
        state(h, 2, MemberState.DOWN, 210);
        state(h, 1, MemberState.LOOKING, 210);
        state(h, 2, MemberState.LOOKING, 480);
        state(h, 1, MemberState.LEADER, 500);
        state(h, 2, MemberState.FOLLOWER, 500);

        assertAgree(h, 1000, List.of(0L, 300L));
    }

    @Test
    void twoVolumeLossesBackToBackShowTheOutageInProgressForTheSecond() {
        History h = new History();
        up(h, 50);
        fault(h, "volume-loss-1", "volume-loss", "member 0 loses its volume", 0, 1000);
        state(h, 0, MemberState.DOWN, 1001);
        state(h, 2, MemberState.LOOKING, 1002);
        fault(h, "volume-loss-2", "volume-loss", "member 1 loses its volume", 1, 1003);
        state(h, 1, MemberState.DOWN, 1004);
        state(h, 0, MemberState.FOLLOWER, 3000);
        state(h, 1, MemberState.LEADER, 3000);

        ScenarioResult s = assertAgree(h, 5000, List.of(2000L, 1997L));
        assertThat(s.recoveries().get(1).lostBeforeFault()).isTrue();
        String html = ResilienceReport.render(new RunResults(null, List.of(s)), List.of());
        assertThat(html).contains("(before this fault)");
    }

    /** Renders the scenario as results.json, the HTML and the trend read it, and compares every figure. */
    private static ScenarioResult assertAgree(History h, long endMs, List<Long> expected) {
        ScenarioRecord record = ScenarioRecord.of("s", "local", "passed", h, 3, null, 0L, List.of());
        Map<String, Object> outcome = new LinkedHashMap<>(Map.of("name", "s", "status", "passed"));
        Map<String, Object> json = ResultsPlugin.scenario(outcome, record);
        RunResults results = RunResults.parse(Json.MAPPER.writeValueAsBytes(
                Map.of("run", Map.of("passed", 1), "scenarios", List.of(json))));
        ScenarioResult s = results.scenarios().get(0);

        assertThat(s.recoveries()).extracting(FaultRecovery::timeToQuorumMs).containsExactlyElementsOf(expected);
        assertThat(((Map<?, ?>) json.get("metrics")).get("timeToQuorumPerFaultMs")).isEqualTo(expected);
        assertThat(s.metrics().timeToQuorumPerFaultMs()).containsExactlyElementsOf(expected);

        String html = ResilienceReport.render(results, List.of());
        Matcher row = Pattern.compile("<tr><td>([^<]*)</td>.*?<td class=\"num[^\"]*\">(?:≥ )?([0-9.]+ m?s)</td></tr>")
                .matcher(html.substring(html.indexOf("<table class=\"recovery\">")));
        for (int i = 0; i < expected.size(); i++) {
            assertThat(row.find()).as("row %d of the HTML table", i).isTrue();
            assertThat(row.group(1)).isEqualTo(s.recoveries().get(i).description());
            assertThat(row.group(2)).isEqualTo(ReadableTime.of(expected.get(i)));
        }
        long worst = expected.stream().max(Long::compare).orElseThrow();
        assertThat(HistoryEntry.of(results, ResilienceScore.of(results)).worstTimeToQuorumMs()).isEqualTo(worst);

        Verdict check = QuorumCheck.within(h, 3, Duration.ofSeconds(30), endMs * MS);
        QuorumEvidence evidence = check.evidence(QuorumEvidence.class);
        assertThat(evidence.recovery()).isEqualTo(s.recoveries().get(s.recoveries().size() - 1));
        assertThat(evidence.timeToQuorumMs()).isEqualTo(expected.get(expected.size() - 1));
        return s;
    }

    private static void up(History h, long ms) {
        state(h, 0, MemberState.FOLLOWER, ms);
        state(h, 1, MemberState.FOLLOWER, ms);
        state(h, 2, MemberState.LEADER, ms);
    }

    private static void state(History h, int member, MemberState state, long ms) {
        h.recordState(new MemberStateChange(member, state, state.serving() ? (ms > 400 ? 2 : 1) : -1, ms * MS, null));
    }

    private static void fault(History h, String id, String kind, String description, int member, long ms) {
        h.recordFault(new FaultEvent(id, kind, description, FaultEvent.Phase.APPLY, List.of(member), ms * MS, null, null));
    }
}
