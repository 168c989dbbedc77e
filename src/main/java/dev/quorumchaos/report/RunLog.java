package dev.quorumchaos.report;

import dev.quorumchaos.ChaosException;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The run's own log: what the terminal gets one line about, in full. A stack trace never reaches
 * the person watching a run; it goes here, and the line they see names this file. The file is
 * created on the first entry, so a run with nothing to say leaves none.
 *
 * <p>Tidy-up after the verdicts (stopping clients, closing an ensemble, removing the harness's
 * own directories) goes through {@link #tidyUp}: a failure there is a warning with the path and
 * the reason, and never changes a verdict or the exit code. Fault recovery does not: a fault that
 * was not undone is a real failure, reported by the scenario.
 */
public final class RunLog {

    private final Path file;
    private final PrintStream terminal;

    private RunLog(Path file, PrintStream terminal) {
        this.file = file;
        this.terminal = terminal;
    }

    /** A log at {@code file}; one-line notices go to standard error. */
    public static RunLog at(Path file) {
        return new RunLog(file.toAbsolutePath(), System.err);
    }

    /** As {@link #at(Path)}, with one-line notices going to {@code terminal}. */
    public static RunLog at(Path file, PrintStream terminal) {
        return new RunLog(file.toAbsolutePath(), terminal);
    }

    public Path file() {
        return file;
    }

    /** Appends {@code what} and the full trace of {@code error}; returns false if the file cannot be written. */
    public boolean record(String what, Throwable error) {
        StringWriter trace = new StringWriter();
        trace.append(Instant.now().toString()).append("  ").append(what).append('\n');
        if (error != null) {
            error.printStackTrace(new PrintWriter(trace));
        }
        trace.append('\n');
        return append(trace.toString());
    }

    /** Appends {@code text} as it is; returns false if the file cannot be written. */
    public boolean append(String text) {
        try {
            Files.createDirectories(file.getParent());
            // one write per entry, appended: entries from several threads or JVMs do not interleave
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Runs a tidy-up step; a failure is a {@link #warn warning}, never thrown. */
    public void tidyUp(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            warn(what, e);
        }
    }

    /** One line on the terminal ({@code chaos: warning: ...}), the trace here. */
    public void warn(String what, Throwable error) {
        boolean logged = record("warning: " + what, error);
        terminal.println("chaos: warning: " + what + ": " + oneLine(error)
                + (logged ? " (details: " + file + ")" : ""));
        terminal.flush();
    }

    /**
     * The harness itself failed (a bug, or the machine): the trace here, and one line for the
     * terminal that says what and where the trace is.
     */
    public String internalError(String where, Throwable error) {
        boolean logged = record("internal error in " + where, error);
        return "internal error in " + where + ": " + oneLine(error)
                + (logged ? "; the full trace is in " + file : "; the trace could not be written to " + file);
    }

    /**
     * Whether a step's error is the harness failing rather than a verdict or a finding: not a
     * check's AssertionError, not the harness's own exception (which names the target and the
     * cause), not an await that ran out (a system that did not get there).
     */
    public static boolean isInternal(Throwable error) {
        return !(error instanceof AssertionError || error instanceof ChaosException
                || error instanceof ConditionTimeoutException);
    }

    /** The exception's type and message, and where it was thrown, on one line. */
    public static String oneLine(Throwable error) {
        if (error == null) {
            return "(no detail)";
        }
        String message = error.getMessage() == null ? "" : error.getMessage().lines().findFirst().orElse("");
        if (!isInternal(error)) {
            return message;
        }
        StackTraceElement[] frames = error.getStackTrace();
        String at = frames.length == 0 ? "" : " at " + frames[0];
        return error.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message) + at;
    }
}
