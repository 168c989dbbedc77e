package dev.quorumchaos.cli;

import dev.quorumchaos.report.RunLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StackTraceFilterTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();

    @Test
    void aPrintedTraceKeepsItsFirstLineAndSaysWhereTheRestWent() throws Exception {
        RunLog log = RunLog.at(dir.resolve("run.log"));
        PrintStream filtered = StackTraceFilter.around(new PrintStream(terminal, true, StandardCharsets.UTF_8), log);
        Exception cause = new java.io.IOException("disk full");
        Exception e = new IllegalStateException("cannot write results.json", cause);
        e.addSuppressed(new RuntimeException("also this"));

        filtered.println("[main] WARN some.library - it went wrong");
        e.printStackTrace(filtered);
        filtered.println("chaos: 1 passed, 0 failed, 0 skipped");
        filtered.print("partial line");
        filtered.flush();

        String shown = terminal.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("[main] WARN some.library - it went wrong")
                .contains("java.lang.IllegalStateException: cannot write results.json")
                .contains("(stack trace in " + log.file() + ")")
                .contains("chaos: 1 passed, 0 failed, 0 skipped")
                .endsWith("partial line")
                .doesNotContain("\tat ").doesNotContain("Caused by").doesNotContain("Suppressed");
        assertThat(shown.lines().filter(l -> l.contains("stack trace in"))).hasSize(1);
        assertThat(Files.readString(log.file())).contains("java.lang.IllegalStateException: cannot write results.json")
                .contains("\tat dev.quorumchaos.cli.StackTraceFilterTest")
                .contains("Caused by: java.io.IOException: disk full")
                .contains("Suppressed: java.lang.RuntimeException: also this");
    }

    @Test
    void outputWithoutTracesPassesUnchanged() {
        RunLog log = RunLog.at(dir.resolve("run.log"));
        PrintStream filtered = StackTraceFilter.around(new PrintStream(terminal, true, StandardCharsets.UTF_8), log);

        filtered.println("  02:07:26.880  Given a 3-member ZooKeeper ensemble");
        filtered.println("  02:07:26.966  When the leader is killed at 3 s (at most 1 member)");

        assertThat(terminal.toString(StandardCharsets.UTF_8)).isEqualTo(
                "  02:07:26.880  Given a 3-member ZooKeeper ensemble\n"
                        + "  02:07:26.966  When the leader is killed at 3 s (at most 1 member)\n");
        assertThat(log.file()).doesNotExist();
    }
}
