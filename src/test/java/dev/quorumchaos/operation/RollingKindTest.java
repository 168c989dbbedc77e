package dev.quorumchaos.operation;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.fault.KindFields;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fault-file fields of {@code rolling-upgrade} and {@code rolling-restart}: read, checked, and described. */
class RollingKindTest {

    /** A fault-file entry with these fields; an error names the field as the catalog would with its line. */
    private static KindFields entry(Map<String, String> fields) {
        return new KindFields() {
            public boolean has(String field) { return fields.containsKey(field); }
            public String string(String field) {
                if (!fields.containsKey(field)) {
                    throw error(field, "missing field '" + field + "'");
                }
                return fields.get(field);
            }
            public String string(String field, String fallback) { return fields.getOrDefault(field, fallback); }
            public ChaosException error(String field, String message) { return ChaosException.badInput("line of " + field + ": " + message); }
        };
    }

    @Test
    void anUpgradeNeedsAReleaseAndTakesAnOrder() {
        RollingKind upgrade = RollingKind.upgrade();
        Map<String, String> options = upgrade.options(entry(Map.of("to", "3.9.5", "order", "followers-first")));

        assertThat(upgrade.needsTarget(entry(Map.of()))).isFalse();
        assertThat(upgrade.describe(null, options)).isEqualTo("rolling upgrade to 3.9.5, followers first and the leader last");
        assertThatThrownBy(() -> upgrade.options(entry(Map.of()))).hasMessageContaining("line of to: missing field 'to'");
        assertThatThrownBy(() -> upgrade.options(entry(Map.of("to", "latest"))))
                .hasMessageContaining("line of to: 'latest' is not a release number");
    }

    @Test
    void aRestartTakesOrdinalOrderByDefaultAndRefusesAnUnknownOrder() {
        RollingKind restart = RollingKind.restart();

        assertThat(restart.describe(null, restart.options(entry(Map.of())))).isEqualTo("rolling restart, in ordinal order");
        assertThatThrownBy(() -> restart.options(entry(Map.of("order", "random"))))
                .hasMessageContaining("line of order: unknown order 'random'; expected ordinal or followers-first");
    }
}
