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
            ": |1|1|a keyword needs a name after ':'"})
    void anythingElseNamesItsLineAndColumn(String text, int line, int column, String message) {
        assertThatThrownBy(() -> EdnReader.readOne(text.replace('~', '\n')))
                .isInstanceOfSatisfying(EdnReader.EdnException.class, e -> {
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.getMessage()).isEqualTo("line " + line + ", column " + column + ": " + message
                    + (message.endsWith("closed") ? " (end of input)" : ""));
        });
    }
}
