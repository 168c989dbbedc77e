package dev.quorumchaos.check.consistency;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The search's memo explores each configuration once: it must never forget one, however large it grows. */
class VisitedConfigurationsTest {

    @Test
    void everyConfigurationIsRememberedAcrossGrowth() {
        VisitedConfigurations visited = new VisitedConfigurations();
        SplittableRandom random = new SplittableRandom(7);
        long[] low = new long[20_000];
        long[] high = new long[20_000];
        for (int i = 0; i < low.length; i++) {
            low[i] = random.nextLong();
            high[i] = random.nextLong();
            assertThat(visited.add(low[i], high[i], i % 5)).isTrue();
        }

        for (int i = 0; i < low.length; i++) {
            assertThat(visited.add(low[i], high[i], i % 5)).as("configuration %d", i).isFalse();
        }
        assertThat(visited.size()).isEqualTo(low.length);
    }

    @Test
    void theSameSetWithAnotherValueIsAnotherConfiguration() {
        VisitedConfigurations visited = new VisitedConfigurations();

        assertThat(visited.add(1, 2, 0)).isTrue();
        assertThat(visited.add(1, 2, 1)).isTrue();
        assertThat(visited.add(1, 3, 0)).isTrue();
        assertThat(visited.add(4, 2, 0)).isTrue();
        assertThat(visited.add(1, 2, 0)).isFalse();
        assertThat(visited.size()).isEqualTo(4);
    }
}
