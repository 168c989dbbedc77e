package dev.quorumchaos.report;

import dev.quorumchaos.report.results.RunResults;
import dev.quorumchaos.report.results.ScenarioResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-written results.json for report tests, in the shape ResultsPlugin writes, read back through
 * the same parser the report uses: a test states only what it is about.
 */
public final class ResultsJson {

    private final Map<String, Object> scenario = new LinkedHashMap<>();
    private final List<Map<String, Object>> faults = new ArrayList<>();
    private final List<Map<String, Object>> checks = new ArrayList<>();
    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private final List<Map<String, Object>> roles = new ArrayList<>();
    private final List<Map<String, Object>> quorum = new ArrayList<>();
    private final List<List<Long>> ops = new ArrayList<>();

    private ResultsJson(String name) {
        scenario.put("name", name);
        scenario.put("status", "passed");
        scenario.put("uri", "file:///features/kill.feature");
        scenario.put("line", 6);
        scenario.put("tags", List.of("@local"));
        scenario.put("target", "local");
        scenario.put("startedAt", "2026-11-25T22:39:43.560Z");
        scenario.put("durationMs", 10_000L);
        scenario.put("members", 3);
    }

    public static ResultsJson scenario(String name) {
        return new ResultsJson(name);
    }

    public ResultsJson status(String status) {
        scenario.put("status", status);
        return this;
    }

    public ResultsJson failedAt(String step, String error) {
        scenario.put("status", "failed");
        scenario.put("failedStep", step);
        scenario.put("error", error);
        return this;
    }

    public ResultsJson members(int members) {
        scenario.put("members", members);
        return this;
    }

    public ResultsJson budget(int budget) {
        scenario.put("budget", budget);
        return this;
    }

    public ResultsJson durationMs(long ms) {
        scenario.put("durationMs", ms);
        return this;
    }

    public ResultsJson fault(String description, List<Integer> members, long appliedAtMs, Long recoveredAtMs) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", "fault-" + (faults.size() + 1));
        f.put("kind", description.split(" ")[0]);
        f.put("description", description);
        f.put("members", members);
        f.put("appliedAtMs", appliedAtMs);
        f.put("recoveredAtMs", recoveredAtMs);
        faults.add(f);
        return this;
    }

    /** A check of a kind ({@code quorum}, {@code durability}, ...) whose evidence has that kind's fields. */
    public ResultsJson check(String name, String kind, String verdict, String summary, Map<String, Object> evidence) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("verdict", verdict);
        c.put("summary", summary);
        if (kind != null) {
            c.put("kind", kind);
        }
        c.put("evidence", evidence);
        checks.add(c);
        return this;
    }

    /** A check as a file without kinds has it (written before kinds were): its evidence is read as it is. */
    public ResultsJson check(String name, String verdict, String summary, Map<String, Object> evidence) {
        return check(name, null, verdict, summary, evidence);
    }

    public ResultsJson metric(String name, Object value) {
        metrics.put(name, value);
        return this;
    }

    public ResultsJson role(int member, String state, long atMs) {
        roles.add(Map.of("member", member, "state", state, "atMs", atMs));
        return this;
    }

    /** Quorum intervals, given as the moments the quorum flips: {@code quorumFlips(1000, 4000, 5000)} is
     *  none until 1 s, quorum to 4 s, none to 5 s, quorum to the end. */
    public ResultsJson quorumFlips(long... flips) {
        long end = ((Number) scenario.get("durationMs")).longValue();
        long from = 0;
        boolean q = false;
        for (long at : flips) {
            quorum.add(Map.of("fromMs", from, "toMs", at, "quorum", q, "leader", q ? 0 : -1));
            from = at;
            q = !q;
        }
        quorum.add(Map.of("fromMs", from, "toMs", end, "quorum", q, "leader", q ? 0 : -1));
        return this;
    }

    public ResultsJson opsAt(long second, long ok, long fail, long info) {
        ops.add(List.of(second, ok, fail, info));
        return this;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> s = new LinkedHashMap<>(scenario);
        s.put("faults", faults);
        s.put("checks", checks);
        s.put("metrics", metrics);
        s.put("timeline", Map.of("roles", roles, "quorum", quorum, "opsPerSecond", ops,
                "opsPerSecondColumns", List.of("second", "ok", "fail", "info")));
        return s;
    }

    public ScenarioResult read() {
        return run("2026-11-25T22:39:43.474Z", this).scenarios().get(0);
    }

    public static RunResults run(String startedAt, ResultsJson... scenarios) {
        return RunResults.parse(Json.MAPPER.writeValueAsBytes(runMap(startedAt, scenarios)));
    }

    public static Map<String, Object> runMap(String startedAt, ResultsJson... scenarios) {
        List<Map<String, Object>> list = new ArrayList<>();
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (ResultsJson s : scenarios) {
            list.add(s.toMap());
            switch (String.valueOf(s.scenario.get("status"))) {
                case "passed" -> passed++;
                case "skipped" -> skipped++;
                default -> failed++;
            }
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("startedAt", startedAt);
        run.put("durationMs", 60_000L);
        run.put("target", "local");
        run.put("passed", passed);
        run.put("failed", failed);
        run.put("skipped", skipped);
        run.put("status", failed > 0 ? "failed" : "passed");
        run.put("inputErrors", List.of());
        return Map.of("run", run, "scenarios", list);
    }
}
