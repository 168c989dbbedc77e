package dev.quorumchaos.report.results;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.quorumchaos.check.Evidence;
import dev.quorumchaos.check.Judges;
import dev.quorumchaos.check.OtherEvidence;

import java.util.Locale;
import java.util.Map;

/**
 * A check's verdict ({@code pass}, {@code fail}, {@code unknown}), its summary and its evidence, a
 * record of the check's kind (named by {@code kind} in the file). A file without kinds, or with a
 * kind this reader does not know, gives {@link OtherEvidence}.
 */
public record CheckResult(String name, String verdict, String summary,
                          @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXTERNAL_PROPERTY,
                                  property = "kind", defaultImpl = OtherEvidence.class) Evidence evidence) {

    public CheckResult {
        name = name == null ? "(unnamed check)" : name;
        verdict = verdict == null ? "unknown" : verdict.toLowerCase(Locale.ROOT);
        summary = summary == null ? "" : summary;
        evidence = evidence == null ? new OtherEvidence(Map.of()) : evidence;
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

    public boolean judgesCorrectness() {
        return evidence.judges() == Judges.CORRECTNESS;
    }
}
