package dev.quorumchaos.glue;

import io.cucumber.cucumberexpressions.ExpressionFactory;
import io.cucumber.cucumberexpressions.ParameterTypeRegistry;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ./chaos steps cannot drift: every phrasing has an example, and the example is a step the glue
 * accepts; and no step class is missing, since the pre-run check matches steps against this list.
 */
class StepVocabularyTest {

    @Test
    void everyGlueClassWithStepsIsListed() throws Exception {
        Path glue = Path.of(StepVocabulary.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/quorumchaos/glue");
        List<Class<?>> withSteps = new ArrayList<>();
        try (Stream<Path> classes = Files.list(glue)) {
            for (Path file : classes.filter(f -> f.toString().endsWith(".class")).toList()) {
                Class<?> c = Class.forName("dev.quorumchaos.glue." + file.getFileName().toString().replace(".class", ""));
                if (Arrays.stream(c.getDeclaredMethods()).anyMatch(m -> m.isAnnotationPresent(Given.class)
                        || m.isAnnotationPresent(When.class) || m.isAnnotationPresent(Then.class))) {
                    withSteps.add(c);
                }
            }
        }
        assertThat(withSteps).hasSizeGreaterThan(4).containsExactlyInAnyOrderElementsOf(StepVocabulary.STEP_CLASSES);
    }

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
