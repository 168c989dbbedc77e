package dev.quorumchaos.report;

import java.util.Locale;

/** Milliseconds as a person reads them: {@code 610 ms}, {@code 1.29 s}, {@code 2 min 05 s}, {@code 1 h 02 min}. */
public final class ReadableTime {

    private ReadableTime() {
    }

    public static String of(long ms) {
        long abs = Math.abs(ms);
        String sign = ms < 0 ? "-" : "";
        if (abs < 1000) {
            return sign + abs + " ms";
        }
        if (abs < 10_000) {
            return sign + String.format(Locale.ROOT, "%.2f s", abs / 1000.0);
        }
        if (abs < 60_000) {
            return sign + String.format(Locale.ROOT, "%.1f s", abs / 1000.0);
        }
        long s = abs / 1000;
        if (s < 3600) {
            return sign + String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return sign + String.format(Locale.ROOT, "%d h %02d min", s / 3600, s / 60 % 60);
    }

    /** A moment on a scenario's clock: {@code at 1.92 s}. */
    public static String at(long ms) {
        return "at " + of(ms);
    }
}
