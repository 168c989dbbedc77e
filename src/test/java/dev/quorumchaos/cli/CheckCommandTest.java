package dev.quorumchaos.cli;

import dev.quorumchaos.check.consistency.SyntheticHistories;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.edn.HistoryEdn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./chaos check} as a user runs it: Knossos's published histories give Knossos's answer,
 * the literature's anomalies give 1 with their counterexample, and a malformed file gives 2 with
 * its file and line.
 */
class CheckCommandTest {

    private static final String[] KNOSSOS = {"--initial", "0", "--nil-read", "unknown", "--reads", "linearizable"};

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String resource(String path) throws URISyntaxException {
        return Path.of(CheckCommandTest.class.getResource("/histories/" + path).toURI()).toString();
    }

    private static int check(String file, String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "check";
        System.arraycopy(options, 0, args, 1, options.length);
        args[args.length - 1] = file;
        return ChaosCli.execute(args);
    }

    @Test
    void aHistoryNoCheckCanDecideFailsTheGateAsAnUnknownVerdictFailsAScenario() throws Exception {
        // the same value written twice: the session check cannot tell which write a read saw
        Path file = dir.resolve("repeated.edn");
        java.nio.file.Files.writeString(file, """
                {:process 0, :type :invoke, :f :write, :value 1}
                {:process 0, :type :ok, :f :write, :value 1}
                {:process 1, :type :invoke, :f :write, :value 1}
                {:process 1, :type :ok, :f :write, :value 1}
                {:process 2, :type :invoke, :f :read, :value nil}
                {:process 2, :type :ok, :f :read, :value 1}
                """);

        assertThat(check(file.toString(), "--reads", "ignored")).as(stdout()).isEqualTo(ChaosCli.FAILED);
        assertThat(stdout()).contains("UNKNOWN").contains("could not be decided (UNKNOWN)");
    }

    @ParameterizedTest
    @CsvSource({"good/cas-register-bug.edn, 0", "bad/bad-analysis.edn, 1", "bad/immediate-failure.edn, 1",
            "bad/rethink-fail-minimal.edn, 1"})
    void knossossPublishedHistoriesGetKnossossAnswer(String file, int exitCode) throws Exception {
        assertThat(check(resource("knossos/" + file), KNOSSOS)).as(stdout()).isEqualTo(exitCode);
        assertThat(stdout()).contains("registers start at 0, a nil read means nothing, reads judged for"
                + " linearizability").contains("no :time in the file");
    }

    @Test
    void aNonLinearizableReadIsPrintedWithItsLinesInTheFile() throws Exception {
        check(resource("knossos/bad/rethink-fail-minimal.edn"), KNOSSOS);

        assertThat(stdout()).contains("linearizable reads and writes: FAIL")
                .contains("process 1 read 3, which no operation wrote")
                .contains("line 4: process 1 read -> 3, ok");
    }

    @Test
    void knossossAnswerNeedsKnossossModel() throws Exception {
        // with reads left out, the spurious read of 3 is no longer judged for linearizability
        assertThat(check(resource("knossos/bad/rethink-fail-minimal.edn"), "--initial", "0", "--reads", "ignored"))
                .isNotEqualTo(ChaosCli.PASSED);
        assertThat(stdout()).contains("no client saw time go backwards: UNKNOWN");
    }

    @ParameterizedTest
    @CsvSource({"lost-update.edn, 1", "stale-cas.edn, 1", "info-that-must-have-happened.edn, 0",
            "info-that-must-have-happened-then-undone.edn, 1", "two-creates.edn, 1", "kill-and-partition-valid.edn, 0"})
    void handWrittenHistoriesFromTheLiterature(String file, int exitCode) throws Exception {
        assertThat(check(resource("literature/" + file))).as(stdout()).isEqualTo(exitCode);
        assertThat(stdout()).doesNotContain("no :time in the file");
    }

    @Test
    void aLostUpdateNamesBothCompareAndSets() throws Exception {
        check(resource("literature/lost-update.edn"));

        assertThat(stdout()).contains("two CASes both succeeded against 0, which was written once")
                .contains("line 6: process 1 cas 0 -> 1, ok [20..30 ms]")
                .contains("line 7: process 2 cas 0 -> 2, ok [21..31 ms]");
    }

    @Test
    void twoCreatesOfOneRegisterAreNamedAsCreates() throws Exception {
        assertThat(check(resource("literature/two-creates.edn"), "--reads", "ignored")).isEqualTo(ChaosCli.FAILED);

        assertThat(stdout()).contains("two creates both succeeded")
                .contains("line 4: process 0 cas nil -> p0-0 (a create), ok [1..4 ms], member 0")
                .contains("line 13: process 1 cas nil -> p1-1 (a create), ok [3003..3009 ms], member 1");
    }

    @Test
    void aValidHistoryPassesUnderZooKeepersPromisesToo() throws Exception {
        assertThat(check(resource("literature/kill-and-partition-valid.edn"), "--reads", "ignored"))
                .isEqualTo(ChaosCli.PASSED);
        assertThat(stdout()).contains("no client saw time go backwards: PASS").contains("1 of 1 histories valid");
    }

    @Test
    void aHistoryTheHarnessWroteIsCheckedAgainAsItWasRecorded() throws Exception {
        History history = new History();
        SyntheticHistories.linearizable(SyntheticHistories.Shape.of(3_000, 5, 3).withSeed(7).withInfoRate(0.05))
                .forEach(history::append);
        Path file = dir.resolve("history.edn");
        HistoryEdn.write(history, file, "synthetic");

        assertThat(check(file.toString())).as(stdout()).isEqualTo(ChaosCli.PASSED);
        assertThat(stdout()).contains("operation entries on 3 key(s)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{:process 0, :type :invoke, :f :write, :value 1}\n{:process 0, :type :ok, :f :write, :value 1\n",
            "{:process 0, :type :invoke, :f :write, :value 1}\n{:process 0, :type :done, :f :write, :value 1}\n",
            "{:process 0, :type :invoke, :f :cas, :value 1}\n",
            "{:process 0, :type :invoke, :f :write, :value 1, :time 5}\n{:process 0, :type :ok, :f :write, :value 1}\n",
            "{:process 0, :type :invoke, :f :txn, :value [[:w 1 2]]}\n",
            "{:process 0, :type :invoke, :f :write, :value #inst \"2020-01-01\"}\n",
            "[1 2 3]\n"})
    void aMalformedFileExitsTwoNamingItsLine(String text) throws Exception {
        Path file = Files.writeString(dir.resolve("broken.edn"), text);

        assertThat(check(file.toString())).isEqualTo(ChaosCli.BAD_INPUT);
        assertThat(stderr()).matches("(?s)chaos: " + java.util.regex.Pattern.quote(file.toString()) + ":[12]: .+")
                .doesNotContain("\tat ");
        assertThat(stdout()).doesNotContain("linearizable");
    }

    @Test
    void aMalformedFileStopsTheCommandBeforeAnyFileIsJudged() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.edn"), "{:process 0 :type}\n");

        assertThat(ChaosCli.execute("check", resource("literature/lost-update.edn"), broken.toString()))
                .isEqualTo(ChaosCli.BAD_INPUT);
        assertThat(stderr()).contains(broken + ":1: not valid EDN: line 1, column 1: a map needs a value for every key");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void anEmptyOrMissingFileIsBadInput() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.edn"), "; nothing here\n");

        assertThat(check(empty.toString())).isEqualTo(ChaosCli.BAD_INPUT);
        assertThat(check(dir.resolve("missing.edn").toString())).isEqualTo(ChaosCli.BAD_INPUT);
        assertThat(stderr()).contains("no operations in it").contains("missing.edn: no such file");
    }

    @Test
    void badOptionsExitTwo() throws Exception {
        String file = resource("literature/lost-update.edn");

        assertThat(check(file, "--nil-read", "maybe")).isEqualTo(ChaosCli.BAD_INPUT);
        assertThat(check(file, "--reads", "sometimes")).isEqualTo(ChaosCli.BAD_INPUT);
        assertThat(check(file, "--initial", "[1")).isEqualTo(ChaosCli.BAD_INPUT);
        assertThat(stderr()).contains("--nil-read must be absent or unknown, not 'maybe'")
                .contains("--reads must be linearizable or ignored").contains("--initial '[1' is not one EDN value");
    }
}
