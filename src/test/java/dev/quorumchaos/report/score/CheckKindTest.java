package dev.quorumchaos.report.score;

import dev.quorumchaos.report.results.CheckResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CheckKindTest {

    @Test
    void durabilityAndLinearizabilityAreCorrectnessQuorumAndBudgetAreAvailability() {
        assertThat(CheckKind.of(new CheckResult("no acknowledged write lost", "pass", "", Map.of())))
                .isEqualTo(CheckKind.CORRECTNESS);
        assertThat(CheckKind.of(new CheckResult("history is linearizable", "fail", "", Map.of())))
                .isEqualTo(CheckKind.CORRECTNESS);
        assertThat(CheckKind.of(new CheckResult("some new check", "fail", "", Map.of("unexpected", 1))))
                .isEqualTo(CheckKind.CORRECTNESS);
        assertThat(CheckKind.of(new CheckResult("keeps quorum", "fail", "", Map.of()))).isEqualTo(CheckKind.AVAILABILITY);
        assertThat(CheckKind.of(new CheckResult("quorum within 30 s", "pass", "", Map.of())))
                .isEqualTo(CheckKind.AVAILABILITY);
        assertThat(CheckKind.of(new CheckResult("disruption budget of 1", "fail", "", Map.of("budget", 1))))
                .isEqualTo(CheckKind.AVAILABILITY);
    }
}
