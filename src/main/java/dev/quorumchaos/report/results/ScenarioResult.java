package dev.quorumchaos.report.results;

import java.util.List;

/** One scenario of {@code results.json}: how it ended, its faults, checks, metrics and timeline. */
public record ScenarioResult(String name, String status, String uri, Integer line, List<String> tags,
                             String failedStep, String error, String skipReason, String target, String startedAt,
                             Long durationMs, Integer members, Integer budget, List<FaultWindow> faults,
                             List<CheckResult> checks, Metrics metrics, Timeline timeline) {

    public ScenarioResult {
        name = name == null ? "(unnamed scenario)" : name;
        status = status == null ? "failed" : status;
        tags = tags == null ? List.of() : List.copyOf(tags);
        members = members == null ? 0 : members;
        faults = faults == null ? List.of() : List.copyOf(faults);
        checks = checks == null ? List.of() : List.copyOf(checks);
        metrics = metrics == null ? Metrics.NONE : metrics;
        timeline = timeline == null ? Timeline.EMPTY : timeline;
    }

    public boolean failed() {
        return !passed() && !skipped();
    }

    public boolean passed() {
        return "passed".equals(status);
    }

    public boolean skipped() {
        return "skipped".equals(status);
    }

    /** How far the scenario's clock ran: its duration, or the last thing recorded. */
    public long endMs() {
        long end = durationMs == null ? 0 : durationMs;
        for (FaultWindow f : faults) {
            end = Math.max(end, Math.max(f.appliedAtMs() == null ? 0 : f.appliedAtMs(),
                    f.recoveredAtMs() == null ? 0 : f.recoveredAtMs()));
        }
        return Math.max(end, timeline.lastMs());
    }

    /** Feature file and line, e.g. {@code kill.feature:6}. */
    public String location() {
        if (uri == null) {
            return "";
        }
        String file = uri.substring(uri.lastIndexOf('/') + 1);
        return line == null ? file : file + ":" + line;
    }
}
