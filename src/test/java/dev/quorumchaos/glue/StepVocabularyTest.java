package dev.quorumchaos.glue;

import io.cucumber.cucumberexpressions.ExpressionFactory;
import io.cucumber.cucumberexpressions.ParameterTypeRegistry;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** ./chaos steps cannot drift: every phrasing has an example, and the example is a step the glue accepts. */
class StepVocabularyTest {

    @Test
    void everyPhrasingHasAnExampleThatMatchesIt() {
        ParameterTypeRegistry types = new ParameterTypeRegistry(Locale.ENGLISH);

        assertThat(StepVocabulary.all()).hasSizeGreaterThan(20).allSatisfy(p -> {
            assertThat(p.example()).as("example of '%s'", p.expression()).isNotNull();
            assertThat(new ExpressionFactory(types).createExpression(p.expression()).match(p.example()))
                    .as("'%s' matches '%s'", p.example(), p.expression()).isNotNull();
        });
    }

    @Test
    void theIssuePhrasingsAreAllThere() {
        assertThat(StepVocabulary.all()).extracting(StepVocabulary.Phrasing::expression).contains(
                "a {int}-member ZooKeeper ensemble", "a disruption budget of {int} unavailable member(s)",
                "a client writing to {string} every {int} ms", "the leader is killed", "member {int} is killed",
                "{int} followers are killed", "the leader is paused for {int} seconds", "{int} second(s) pass(es)",
                "the ensemble has quorum within {int} seconds", "the ensemble keeps quorum",
                "no acknowledged write is lost", "the disruption budget is never exceeded",
                "at most {int} member(s) were/was unavailable at once", "the fault {string} is injected",
                "the writes were linearizable", "no client saw time go backwards");
    }
}
