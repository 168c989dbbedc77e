package dev.quorumchaos.check;

import dev.quorumchaos.report.Json;
import tools.jackson.core.type.TypeReference;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A verdict's evidence as {@code results.json} publishes it: the fields its record writes, by name,
 * with the numbers' own types. Check tests state expectations in the published shape, so a field
 * renamed or dropped fails them as it would fail a CI job reading the file.
 */
public final class PublishedEvidence {

    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {
    };

    private PublishedEvidence() {
    }

    public static Map<String, Object> published(Verdict verdict) {
        return Json.MAPPER.convertValue(verdict.evidence(), FIELDS);
    }
}
