package dev.quorumchaos.cli;

import dev.quorumchaos.report.RunLog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The CLI's standard output or error, minus stack traces. The harness's own paths print one line
 * per failure; this catches what they do not control (a library that logs a trace, a JVM
 * printing an uncaught exception): the frames go to the run's log, and the terminal keeps the
 * line that says what happened plus one line that says where the trace went.
 */
final class StackTraceFilter extends OutputStream {

    /** A line of a printed Throwable below its first: a frame, a cause, a suppressed one, "... n more". */
    private static final Pattern TRACE_LINE = Pattern.compile(
            "\\s*(at \\S+\\(.*\\)|\\.\\.\\. \\d+ (more|common frames omitted)|Caused by: .*|Suppressed: .*)\\s*");

    private final OutputStream terminal;
    private final RunLog log;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private String lastShown = "";
    private boolean inTrace;

    private StackTraceFilter(OutputStream terminal, RunLog log) {
        this.terminal = terminal;
        this.log = log;
    }

    static PrintStream around(PrintStream terminal, RunLog log) {
        return new PrintStream(new StackTraceFilter(terminal, log), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            endOfLine();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    private void endOfLine() throws IOException {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (TRACE_LINE.matcher(text.stripTrailing()).matches()) {
            if (!inTrace) {
                inTrace = true;
                boolean logged = log.append("stack trace printed on the terminal:\n" + lastShown);
                terminal.write(("    (stack trace " + (logged ? "in " + log.file() : "left out: " + log.file()
                        + " cannot be written") + ")\n").getBytes(StandardCharsets.UTF_8));
            }
            log.append(text);
            return;
        }
        if (inTrace) {
            inTrace = false;
            log.append("\n");
        }
        lastShown = text;
        terminal.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A partial line (a prompt, progress without a newline) goes out as it is. */
    @Override
    public synchronized void flush() throws IOException {
        if (line.size() > 0 && !inTrace) {
            terminal.write(line.toByteArray());
            line.reset();
        }
        terminal.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        terminal.close();
    }
}
