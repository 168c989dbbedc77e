package dev.quorumchaos.report.html;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeAxisTest {

    @Test
    void ticksAreRoundAndLabelledWithoutRoundingThemWrong() {
        TimeAxis fiveSeconds = new TimeAxis(5000, 0, 1000);
        assertThat(fiveSeconds.step()).isEqualTo(500);
        assertThat(fiveSeconds.label(1500)).isEqualTo("1.5 s");

        TimeAxis quarter = new TimeAxis(2800, 0, 1000);
        assertThat(quarter.step()).isEqualTo(250);
        assertThat(quarter.label(250)).isEqualTo("0.25 s");

        assertThat(new TimeAxis(20_557, 0, 1000).label(4000)).isEqualTo("4 s");
        TimeAxis halfHour = new TimeAxis(30 * 60_000, 0, 1000);
        assertThat(halfHour.ticks()).hasSizeLessThanOrEqualTo(13);
        assertThat(halfHour.label(300_000)).isEqualTo("5 min");
    }

    @Test
    void timesOutsideTheScenarioStayOnTheAxis() {
        TimeAxis axis = new TimeAxis(10_000, 100, 1000);
        assertThat(axis.x(-5)).isEqualTo(100);
        assertThat(axis.x(20_000)).isEqualTo(1100);
        assertThat(axis.x(5000)).isEqualTo(600);
    }
}
