package dev.quorumchaos.report;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Lines for the person watching a run: what is happening now, as it happens. */
@FunctionalInterface
public interface Progress {

    void say(String line);

    static Progress to(PrintStream out) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
        return line -> {
            synchronized (out) {
                out.println("  " + time.format(LocalTime.now().truncatedTo(ChronoUnit.MILLIS)) + "  " + line);
                out.flush();
            }
        };
    }

    static Progress silent() {
        return line -> { };
    }
}
