package dev.quorumchaos.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The dry run's plan calls every Then step a check, wherever its glue is written. */
class PlanPrinterTest {

    @Test
    void aCheckWrittenBesideItsOperationIsPlannedAsACheck() {
        String out;
        try (ConsoleCapture console = ConsoleCapture.start()) {
            assertThat(ChaosCli.execute("run", "--dry-run", "--target", "local", "features/zookeeper/scale.feature"))
                    .isEqualTo(ChaosCli.PASSED);
            out = console.out();
        }
        assertThat(out).contains("inject  the ensemble grows to 5 members")
                .contains("check   the ensemble has 5 members")
                .contains("check   the disruption budget leaves a quorum at every size")
                .doesNotContain("inject  the ensemble has");
    }
}
