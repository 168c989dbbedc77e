package dev.quorumchaos.history.edn;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a history file says, read as the checks will judge it; and every way a file can be wrong, by line. */
class HistoryFileTest {

    private static final Path FILE = Path.of("h.edn");

    @TempDir
    Path dir;

    private static HistoryFile parse(String text) {
        return HistoryFile.parse(FILE, new StringReader(text));
    }

    @Test
    void aKnossosFileIsOneVectorOfUntimedOperationsOnOneRegister() {
        HistoryFile h = parse("; cas-register\n[{:process 0, :type :invoke, :f :write, :value 3}\n"
                + " {:process 0 :type :ok :f :write :value 3}\n"
                + " {:process 1, :type :invoke, :f :cas, :value [3 4]}\n"
                + " {:process 1, :type :fail, :f :cas, :value [3 4] :error :timeout}\n"
                + " {:process 2, :type :invoke, :f :read, :value nil}\n"
                + " {:process 2, :type :info, :f :read, :value nil}]\n");

        assertThat(h.timed()).isFalse();
        assertThat(h.keys()).containsExactly(HistoryFile.SINGLE_REGISTER);
        assertThat(h.operations()).containsExactly(
                new Operation(0, 0, Operation.Type.INVOKE, Operation.Fn.WRITE, "register", "3", null, -1, 0, null),
                new Operation(1, 0, Operation.Type.OK, Operation.Fn.WRITE, "register", "3", null, -1, 1_000_000, null),
                new Operation(2, 1, Operation.Type.INVOKE, Operation.Fn.CAS, "register", "4", "3", -1, 2_000_000, null),
                new Operation(3, 1, Operation.Type.FAIL, Operation.Fn.CAS, "register", "4", "3", -1, 3_000_000,
                        ":timeout"),
                new Operation(4, 2, Operation.Type.INVOKE, Operation.Fn.READ, "register", null, null, -1, 4_000_000,
                        null),
                new Operation(5, 2, Operation.Type.INFO, Operation.Fn.READ, "register", null, null, -1, 5_000_000,
                        null));
        assertThat(h.lineOf(0)).isEqualTo(2);
        assertThat(h.lineOf(5)).isEqualTo(7);
        assertThat(h.lineOf(99)).isZero();
    }

    @Test
    void aListAtTheTopLevelIsReadLikeAVector() {
        assertThat(parse("({:process 0, :type :invoke, :f :read, :value nil})").operations()).hasSize(1);
    }

    @Test
    void timedIndexedKeyedOperationsKeepTheirFields() {
        HistoryFile h = parse("{:index 7, :time 2104331520, :process 1, :type :invoke, :f :cas, :key \"/r0\","
                + " :value [nil \"p1-3\"], :member 2}\n"
                + "{:index 9, :time 2107920311, :process 1, :type :ok, :f :cas, :key \"/r0\", :value [nil \"p1-3\"],"
                + " :member 0}\n");

        assertThat(h.timed()).isTrue();
        assertThat(h.keys()).containsExactly("/r0");
        assertThat(h.operations()).containsExactly(
                new Operation(7, 1, Operation.Type.INVOKE, Operation.Fn.CAS, "/r0", "p1-3", null, 2, 2104331520L, null),
                new Operation(9, 1, Operation.Type.OK, Operation.Fn.CAS, "/r0", "p1-3", null, 0, 2107920311L, null));
        assertThat(h.lineOf(9)).isEqualTo(2);
    }

    @Test
    void ourNemesisLinesAreFaultEventsAndJepsensArePassedOver() {
        HistoryFile h = parse("{:process :nemesis, :type :info, :f :start-partition, :value [2], :fault \"p-1\","
                + " :description \"isolate member 2\", :cuts [[0 2] [2 0] [1]]}\n"
                + "{:process :nemesis, :type :info, :f :start}\n"
                + "{:process :nemesis, :type :info, :f :kill-all, :fault \"k-1\"}\n"
                + "{:process :nemesis, :type :info, :f :stop-partition, :value [2 :x], :fault \"p-1\","
                + " :detail \"the network heals\"}\n"
                + "{:process :nemesis, :type :info, :f :stop-kill, :fault \"k-2\"}\n"
                + "{:process 0, :type :invoke, :f :read, :value nil}\n");

        assertThat(h.operations()).hasSize(1);
        assertThat(h.faults()).containsExactly(
                new FaultEvent("p-1", "partition", "isolate member 2", FaultEvent.Phase.APPLY, List.of(2), 0, null,
                        Set.of(new FaultEvent.Link(0, 2), new FaultEvent.Link(2, 0))),
                new FaultEvent("p-1", "partition", "partition", FaultEvent.Phase.RECOVER, List.of(2), 3_000_000,
                        "the network heals", Set.of()),
                new FaultEvent("k-2", "kill", "kill", FaultEvent.Phase.RECOVER, List.of(), 4_000_000, null, Set.of()));
    }

    @Test
    void valuesAreComparedAsWritten() {
        assertThat(HistoryFile.value(null)).isNull();
        assertThat(HistoryFile.value("3")).isEqualTo("3");
        assertThat(HistoryFile.value(3L)).isEqualTo("3");
        assertThat(HistoryFile.value(new EdnReader.Keyword("ok"))).isEqualTo(":ok");
        assertThat(HistoryFile.value(new EdnReader.Symbol("x"))).isEqualTo("x");
        assertThat(HistoryFile.value(java.util.Arrays.asList("a b", 1L, null, List.of("c"))))
                .isEqualTo("[\"a b\" 1 null [\"c\"]]");
        assertThat(HistoryFile.value(List.of())).isEqualTo("[]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no process          | {:type :invoke, :f :read}                                   | 1 | no :process; every operation says which process ran it
            index twice         | {:index 1, :process 0, :type :invoke, :f :read}~{:index 1, :process 0, :type :ok, :f :read} | 2 | :index 1 appears twice
            index not a number  | {:index "one", :process 0, :type :invoke, :f :read}          | 1 | :index must be a whole number, not "one"
            time here only      | {:process 0, :type :invoke, :f :read}~{:time 5, :process 0, :type :ok, :f :read} | 2 | :time here, but not on the operations before it
            time missing        | {:time 5, :process 0, :type :invoke, :f :read}~{:process 0, :type :ok, :f :read} | 2 | no :time, though the operations before it have one
            key missing         | {:key 1, :process 0, :type :invoke, :f :read}~{:process 0, :type :ok, :f :read} | 2 | no :key, though the operations before it name one
            key here only       | {:process 0, :type :invoke, :f :read}~{:key 1, :process 0, :type :ok, :f :read} | 2 | :key here, but not on the operations before it
            key nil             | {:key nil, :process 0, :type :invoke, :f :read}              | 1 | :key nil; name the register
            bad type            | {:process 0, :type :done, :f :read}                          | 1 | :type must be :invoke, :ok, :fail or :info, not :done
            type not a keyword  | {:process 0, :type "ok", :f :read}                           | 1 | :type must be :invoke, :ok, :fail or :info, not "ok"
            bad f               | {:process 0, :type :ok, :f :append}                          | 1 | :f must be :read, :write or :cas (a register's operations), not :append
            cas not a pair      | {:process 0, :type :ok, :f :cas, :value [1 2 3]}             | 1 | a :cas :value is [expected new], not a collection of 3
            cas not a vector    | {:process 0, :type :ok, :f :cas, :value 1}                   | 1 | a :cas :value is [expected new], not 1
            independent tuple   | {:process 0, :type :ok, :f :write, :value [1 2]}             | 1 | a register holds one value, not a collection of 2; Jepsen's independent [key value] tuples are not read
            map value           | {:process 0, :type :ok, :f :write, :value {:a 1}}            | 1 | a register holds one value, not
            a number            | {:process 0, :type :ok, :f :read}~42                         | 2 | expected an operation map such as {:process 0, :type :invoke, :f :read, :value nil}, found 42
            a second vector     | {:process 0, :type :ok, :f :read}~[{:process 0}]             | 2 | expected an operation map such as {:process 0, :type :invoke, :f :read, :value nil}, found a collection of 1
            not a map inside    | [{:process 0, :type :ok, :f :read}~"x"]                      | 2 | expected an operation map in the collection, found "x"
            not EDN             | {:process 0, :type :ok, :f :read}~{:process                  | 2 | not valid EDN: line 2, column 1: '{' never closed (end of input)
            """)
    void everyMistakeNamesTheFileAndLine(String mistake, String text, int line, String why) {
        assertThatThrownBy(() -> parse(text.replace('~', '\n')))
                .isInstanceOfSatisfying(ChaosException.class, e -> assertThat(e.badInput()).isTrue())
                .hasMessageStartingWith("h.edn:" + line + ": " + why);
    }

    @Test
    void aLongFormIsShortenedInTheMessage() {
        String longString = "x".repeat(100);

        assertThatThrownBy(() -> parse("\"" + longString + "\""))
                .hasMessage("h.edn:1: expected an operation map such as {:process 0, :type :invoke, :f :read,"
                        + " :value nil}, found \"" + "x".repeat(59) + "...");
    }

    @Test
    void aFileWithNoOperationsIsBadInput() {
        assertThatThrownBy(() -> parse("; nothing but a comment\n"))
                .hasMessage("h.edn: no operations in it; a history has one map per operation, such as"
                        + " {:process 0, :type :invoke, :f :write, :value 1}");
    }

    @Test
    void aFileIsReadFromDiskAsUtf8() throws Exception {
        Path file = Files.writeString(dir.resolve("h.edn"), "{:process 0, :type :invoke, :f :write, :value \"é\"}\n");
        Path latin1 = Files.write(dir.resolve("latin1.edn"), new byte[] {'{', ':', 'a', ' ', '"', (byte) 0xE9, '"', '}'});

        assertThat(HistoryFile.read(file).operations()).extracting(Operation::value).containsExactly("é");
        assertThat(HistoryFile.read(file).file()).isEqualTo(file);
        assertThatThrownBy(() -> HistoryFile.read(dir.resolve("missing.edn")))
                .hasMessage(dir.resolve("missing.edn") + ": no such file");
        assertThatThrownBy(() -> HistoryFile.read(latin1))
                .hasMessage(latin1 + ": not UTF-8 text; a history is an EDN text file");
        assertThatThrownBy(() -> HistoryFile.read(dir)).hasMessageStartingWith(dir + ": cannot read it: ");
    }
}
