package dev.quorumchaos.history.edn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EdnReaderTest {

    private static EdnReader.Keyword kw(String name) {
        return new EdnReader.Keyword(name);
    }

    @Test
    void readsTheFormsHistoriesUse() {
        Object form = EdnReader.readOne("{:process 22  :type :ok, :f :cas, :value [nil \"p1-\\\"0\\\"\"],"
                + " :error [:temporarily-unavailable nil], :big 123456789012345678901234567890, :x 1.5, :ok? true,"
                + " :s #{1 2}, :l (a b/c)}");

        assertThat(form).isInstanceOf(EdnReader.EdnMap.class);
        Map<?, ?> map = (Map<?, ?>) form;
        assertThat(map.get(kw("process"))).isEqualTo(22L);
        assertThat(map.get(kw("type"))).isEqualTo(kw("ok"));
        assertThat(map.get(kw("value"))).isEqualTo(java.util.Arrays.asList(null, "p1-\"0\""));
        assertThat(map.get(kw("error"))).isEqualTo(java.util.Arrays.asList(kw("temporarily-unavailable"), null));
        assertThat(map.get(kw("big"))).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(map.get(kw("x"))).isEqualTo(1.5);
        assertThat(map.get(kw("ok?"))).isEqualTo(true);
        assertThat(map.get(kw("s"))).isEqualTo(Set.of(1L, 2L));
        assertThat(map.get(kw("l"))).isEqualTo(List.of(new EdnReader.Symbol("a"), new EdnReader.Symbol("b/c")));
    }

    @Test
    void commentsDiscardsAndCommasAreNothingAndMapsKnowTheirLine() {
        EdnReader reader = new EdnReader(new StringReader("; a comment\n#_{:skipped 1}\n[{:a 1} ; why\n {:b -2}]\n"));

        Object form = reader.next();
        assertThat(form).asList().hasSize(2);
        assertThat(((EdnReader.EdnMap) ((List<?>) form).get(0)).line()).isEqualTo(3);
        assertThat(((EdnReader.EdnMap) ((List<?>) form).get(1)).line()).isEqualTo(4);
        assertThat(((Map<?, ?>) ((List<?>) form).get(1)).get(kw("b"))).isEqualTo(-2L);
        assertThat(reader.next()).isSameAs(EdnReader.END);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{:a 1|1|1|'{' never closed",
            "{:a 1 :b}|1|1|a map needs a value for every key; key :b has none",
            "{:a 1 :a 2}|1|1|duplicate map key :a",
            "[1 2)|1|5|expected ']', found ')'",
            "\"abc|1|1|string never closed",
            "~~  #inst \"2020\"|3|3|tagged literals (#i...) are not supported in a history",
            "\\a|1|1|character literals are not supported",
            "~1x|2|1|'1x' is not a number",
            "}|1|1|unexpected '}'",
            ": |1|1|a keyword needs a name after ':'",
            "\"\\u00zz\"|1|7|bad unicode escape \\u00zz",
            "\"a\\q\"|1|4|unknown escape \\q",
            "@x|1|1|unexpected '@x'",
            "#_ |1|1|#_ discards nothing",
            "[#_]|1|2|#_ discards nothing",
            "#{1 1}|1|1|duplicate element in a set",
            "1.2.3|1|1|'1.2.3' is not a number"})
    void anythingElseNamesItsLineAndColumn(String text, int line, int column, String message) {
        assertThatThrownBy(() -> EdnReader.readOne(text.replace('~', '\n')))
                .isInstanceOfSatisfying(EdnReader.EdnException.class, e -> {
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.getMessage()).isEqualTo("line " + line + ", column " + column + ": " + message
                    + (message.endsWith("closed") ? " (end of input)" : ""));
        });
    }

    @Test
    void numbersSignsAndSymbols() {
        assertThat(EdnReader.readOne("+5")).isEqualTo(5L);
        assertThat(EdnReader.readOne("-5")).isEqualTo(-5L);
        assertThat(EdnReader.readOne("12N")).isEqualTo(12L);
        assertThat(EdnReader.readOne("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(EdnReader.readOne("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(EdnReader.readOne("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(EdnReader.readOne("2.5M")).isEqualTo(2.5);
        assertThat(EdnReader.readOne("1e3")).isEqualTo(1000.0);
        assertThat(EdnReader.readOne("false")).isEqualTo(false);
        assertThat(EdnReader.readOne("-")).isEqualTo(new EdnReader.Symbol("-"));
        assertThat(EdnReader.readOne("+")).isEqualTo(new EdnReader.Symbol("+"));
        assertThat(EdnReader.readOne("-a")).isEqualTo(new EdnReader.Symbol("-a"));
        assertThat(EdnReader.readOne(".x")).isEqualTo(new EdnReader.Symbol(".x"));
        assertThat(EdnReader.readOne("jepsen.nemesis/partition").toString()).isEqualTo("jepsen.nemesis/partition");
        assertThat(EdnReader.readOne(":jepsen/x").toString()).isEqualTo(":jepsen/x");
    }

    @Test
    void stringsKeepTheirEscapes() {
        assertThat(EdnReader.readOne("\"tab\\there\\r\\n\\u0041\\\\\"")).isEqualTo("tab\there\r\nA\\");
    }

    @Test
    void tokensEndAtDelimitersAndTheReaderKnowsItsLine() {
        EdnReader reader = new EdnReader(new StringReader("[a,b]\n(c\"d\")\n{:e;x\n1}"));

        assertThat(reader.next()).isEqualTo(List.of(new EdnReader.Symbol("a"), new EdnReader.Symbol("b")));
        assertThat(reader.line()).isEqualTo(1);
        assertThat(reader.next()).isEqualTo(List.of(new EdnReader.Symbol("c"), "d"));
        assertThat(reader.line()).isEqualTo(2);
        assertThat(reader.next()).isEqualTo(Map.of(kw("e"), 1L));
        assertThat(reader.line()).isEqualTo(4);
    }

    @Test
    void oneValueAndNoMore() {
        assertThatThrownBy(() -> EdnReader.readOne("  ")).hasMessage("line 1, column 1: no value");
        assertThatThrownBy(() -> EdnReader.readOne("1 2")).hasMessage("line 1, column 3: more than one value");
    }
}
