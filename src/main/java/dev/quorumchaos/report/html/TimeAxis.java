package dev.quorumchaos.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A scenario's clock laid along the x axis, with round ticks for any length from a second to hours. */
final class TimeAxis {

    private static final long[] STEPS = {10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000,
            60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000};
    private static final int MAX_TICKS = 12;

    private final long endMs;
    private final double x0;
    private final double width;

    TimeAxis(long endMs, double x0, double width) {
        this.endMs = Math.max(1, endMs);
        this.x0 = x0;
        this.width = width;
    }

    double x(long ms) {
        return x0 + width * Math.max(0, Math.min(ms, endMs)) / endMs;
    }

    double x0() {
        return x0;
    }

    double x1() {
        return x0 + width;
    }

    long endMs() {
        return endMs;
    }

    /** Milliseconds one pixel of the axis stands for. */
    double msPerPixel() {
        return endMs / width;
    }

    long step() {
        for (long step : STEPS) {
            if (endMs / step <= MAX_TICKS) {
                return step;
            }
        }
        return STEPS[STEPS.length - 1];
    }

    List<Long> ticks() {
        long step = step();
        List<Long> ticks = new ArrayList<>();
        for (long t = 0; t <= endMs; t += step) {
            ticks.add(t);
        }
        return ticks;
    }

    String label(long ms) {
        long step = step();
        if (endMs >= 120_000) {
            long s = ms / 1000;
            return s % 60 == 0 ? s / 60 + " min" : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        if (step >= 1000) {
            return ms / 1000 + " s";
        }
        return String.format(Locale.ROOT, step % 100 == 0 ? "%.1f s" : "%.2f s", ms / 1000.0);
    }
}
