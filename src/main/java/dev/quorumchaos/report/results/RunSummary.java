package dev.quorumchaos.report.results;

import java.util.List;

/** The {@code run} object of {@code results.json}. */
public record RunSummary(String startedAt, Long durationMs, String target, String seed, int passed, int failed,
                         int skipped, String status, List<String> inputErrors) {

    static final RunSummary EMPTY = new RunSummary(null, null, null, null, 0, 0, 0, null, List.of());

    public RunSummary {
        inputErrors = inputErrors == null ? List.of() : List.copyOf(inputErrors);
    }

    public boolean failedRun() {
        return failed > 0 || "failed".equals(status) || !inputErrors.isEmpty();
    }
}
