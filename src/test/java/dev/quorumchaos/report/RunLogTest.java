package dev.quorumchaos.report;

import dev.quorumchaos.ChaosException;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class RunLogTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();

    private RunLog log() {
        return RunLog.at(dir.resolve("logs/run.log"), new PrintStream(terminal, true, StandardCharsets.UTF_8));
    }

    private String terminal() {
        return terminal.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTidyUpThatFailsIsOneLineWithThePathAndNeverThrown() throws Exception {
        RunLog log = log();

        assertThatCode(() -> log.tidyUp("removing the run directory", () -> {
            throw new ChaosException("cannot delete /x/.chaos/runs/r: java.nio.file.AccessDeniedException: /x/y");
        })).doesNotThrowAnyException();

        assertThat(terminal()).hasLineCount(1)
                .startsWith("chaos: warning: removing the run directory: cannot delete /x/.chaos/runs/r")
                .contains("(details: " + log.file() + ")")
                .doesNotContain("\tat ");
        assertThat(Files.readString(log.file())).contains("warning: removing the run directory")
                .contains("\tat dev.quorumchaos.report.RunLogTest");
    }

    @Test
    void anInternalErrorIsOneLineNamingTypePlaceAndTheLog() throws Exception {
        RunLog log = log();
        NullPointerException npe = new NullPointerException("Cannot invoke \"Ensemble.size()\"");

        String line = log.internalError("the run", npe);

        assertThat(line).startsWith("internal error in the run: NullPointerException: Cannot invoke")
                .contains(" at dev.quorumchaos.report.RunLogTest")
                .endsWith("the full trace is in " + log.file())
                .doesNotContain("\n");
        assertThat(Files.readString(log.file())).contains("java.lang.NullPointerException").contains("\tat ");
    }

    @Test
    void nothingWrittenNoFile() {
        log().tidyUp("nothing to do", () -> { });
        assertThat(log().file()).doesNotExist();
    }

    @Test
    void verdictsAndTheHarnessOwnMessagesAreNotInternalErrors() {
        assertThat(RunLog.isInternal(new AssertionError("FAIL: quorum"))).isFalse();
        assertThat(RunLog.isInternal(new ChaosException("Fault 'pause leader' not recovered"))).isFalse();
        assertThat(RunLog.isInternal(new ConditionTimeoutException("first quorum within 60 s"))).isFalse();
        assertThat(RunLog.isInternal(new IllegalStateException("bug"))).isTrue();
        assertThat(RunLog.oneLine(new ChaosException("line one\nline two"))).isEqualTo("line one");
    }
}
