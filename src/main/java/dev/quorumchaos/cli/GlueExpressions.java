package dev.quorumchaos.cli;

import dev.quorumchaos.glue.StepVocabulary;
import io.cucumber.cucumberexpressions.Argument;
import io.cucumber.cucumberexpressions.Expression;
import io.cucumber.cucumberexpressions.ExpressionFactory;
import io.cucumber.cucumberexpressions.ParameterTypeRegistry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The glue's step expressions, compiled as Cucumber compiles them: Cucumber Expressions with the
 * built-in parameter types of the scenario's language (the glue defines none of its own), and a
 * step matches every expression its text matches, whatever its keyword. Read from the step
 * classes' annotations ({@link StepVocabulary}), not by scanning the classpath for glue.
 */
final class GlueExpressions {

    /** A step definition a step's text matches, with the arguments it would be called with. */
    record Match(String expression, List<Argument<?>> arguments) {
    }

    private final List<StepVocabulary.Phrasing> phrasings = StepVocabulary.all();
    private final Map<Locale, List<Expression>> byLocale = new HashMap<>();

    List<Match> match(String text, String language) {
        List<Match> matches = new ArrayList<>();
        for (Expression expression : compiled(language)) {
            List<Argument<?>> arguments = expression.match(text);
            if (arguments != null) {
                matches.add(new Match(expression.getSource(), arguments));
            }
        }
        return matches;
    }

    private List<Expression> compiled(String language) {
        // as Cucumber's runner does for each scenario (Runner.localeForPickle)
        Locale locale = new Locale.Builder().setLanguage(language).build();
        return byLocale.computeIfAbsent(locale, l -> {
            ExpressionFactory factory = new ExpressionFactory(new ParameterTypeRegistry(l));
            return phrasings.stream().map(p -> factory.createExpression(p.expression())).toList();
        });
    }
}
