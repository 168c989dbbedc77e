package dev.quorumchaos.report.results;

import dev.quorumchaos.check.FaultRecovery;

import java.util.List;
import java.util.Optional;

/**
 * One scenario of {@code results.json}: how it ended, its faults and the quorum's recovery after
 * each (as the check computed it: rendered, never recomputed), checks, metrics and timeline.
 *
 * @param history the saved operations ({@code <scenario>/history.edn}), relative to the report
 */
public record ScenarioResult(String name, String status, String uri, Integer line, List<String> tags,
                             String failedStep, String error, String skipReason, String target, String startedAt,
                             Long durationMs, Integer members, Integer budget, List<FaultWindow> faults,
                             List<FaultRecovery> recoveries, List<CheckResult> checks, Metrics metrics,
                             Timeline timeline, String history) {

    public ScenarioResult {
        name = name == null ? "(unnamed scenario)" : name;
        status = status == null ? "failed" : status;
        tags = tags == null ? List.of() : List.copyOf(tags);
        members = members == null ? 0 : members;
        faults = faults == null ? List.of() : List.copyOf(faults);
        recoveries = recoveries == null ? List.of() : List.copyOf(recoveries);
        checks = checks == null ? List.of() : List.copyOf(checks);
        metrics = metrics == null ? Metrics.NONE : metrics;
        timeline = timeline == null ? Timeline.EMPTY : timeline;
    }

    /** The fault a recovery was measured after, as recorded. */
    public Optional<FaultWindow> fault(FaultRecovery recovery) {
        return faults.stream().filter(f -> recovery.faultId().equals(f.id())).findFirst();
    }

    /** The longest time-to-quorum after any fault; from the metrics when an older file has no recoveries. */
    public Optional<Long> worstTimeToQuorumMs() {
        if (recoveries.isEmpty()) {
            return Optional.ofNullable(metrics.timeToQuorumMs());
        }
        return recoveries.stream().map(FaultRecovery::timeToQuorumMs).max(Long::compare);
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
