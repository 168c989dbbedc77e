package dev.quorumchaos.report.results;

import java.util.Locale;
import java.util.Map;

/** A check's verdict ({@code pass}, {@code fail}, {@code unknown}), its summary and evidence. */
public record CheckResult(String name, String verdict, String summary, Map<String, Object> evidence) {

    public CheckResult {
        name = name == null ? "(unnamed check)" : name;
        verdict = verdict == null ? "unknown" : verdict.toLowerCase(Locale.ROOT);
        summary = summary == null ? "" : summary;
        evidence = evidence == null ? Map.of() : evidence;
    }

    public boolean passed() {
        return "pass".equals(verdict);
    }

    public boolean failed() {
        return "fail".equals(verdict);
    }

    public boolean unknown() {
        return !passed() && !failed();
    }

    /** A whole-number evidence value, or null when absent or not a number. */
    public Long evidenceMillis(String key) {
        return evidence.get(key) instanceof Number n ? n.longValue() : null;
    }
}
