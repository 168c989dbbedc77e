package dev.quorumchaos.cli;

import dev.quorumchaos.glue.StepVocabulary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-run check compiles an expression only for a step whose text holds each of the
 * expression's plain words: the words it keeps must be ones every matching text contains.
 */
class GlueExpressionsTest {

    @Test
    void keepsOnlyWordsWithoutParametersOptionalsAlternativesOrEscapes() {
        assertThat(GlueExpressions.literalWords("a/an {int}-member ZooKeeper ensemble with (some) member(s) \\(sic\\)"))
                .containsExactly("ZooKeeper", "ensemble", "with");
    }

    @Test
    void aRegularExpressionIsAlwaysCompiled() {
        assertThat(GlueExpressions.literalWords("^the ensemble has (\\d+) members$")).isEmpty();
        assertThat(GlueExpressions.literalWords("/the ensemble/")).isEmpty();
    }

    @Test
    void everyPhrasingStillMatchesItsOwnExample() {
        GlueExpressions glue = new GlueExpressions();
        for (StepVocabulary.Phrasing phrasing : StepVocabulary.all()) {
            if (phrasing.example() != null) {
                assertThat(glue.match(phrasing.example(), "en")).as(phrasing.example())
                        .extracting(GlueExpressions.Match::expression).contains(phrasing.expression());
            }
        }
    }

    @Test
    void aStepNoExpressionCouldMatchMatchesNone() {
        assertThat(new GlueExpressions().match("the moon is made of cheese", "en")).isEmpty();
    }
}
