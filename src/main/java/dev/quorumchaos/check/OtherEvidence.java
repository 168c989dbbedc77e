package dev.quorumchaos.check;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evidence of a kind this reader does not know: a {@code results.json} written by a newer harness,
 * or by an older one that did not name kinds. Kept as it was written, so a report can still show
 * it; it counts as availability, as a failed step does.
 */
public record OtherEvidence(Map<String, Object> fields) implements Evidence {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public OtherEvidence {
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @JsonValue
    @Override
    public Map<String, Object> fields() {
        return fields;
    }

    @Override
    public Judges judges() {
        return Judges.AVAILABILITY;
    }
}
