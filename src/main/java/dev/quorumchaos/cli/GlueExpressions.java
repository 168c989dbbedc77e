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

    private final List<Candidate> candidates = StepVocabulary.all().stream()
            .map(p -> new Candidate(p.expression(), literalWords(p.expression()))).toList();
    private final Map<Locale, ExpressionFactory> factories = new HashMap<>();

    /**
     * Compiling all the glue's expressions took half a second of a run's start, most of it for
     * expressions no step could match: an expression is compiled only once a step's text holds
     * each of its plain words, which any text it matches must.
     */
    List<Match> match(String text, String language) {
        List<Match> matches = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (!candidate.mayMatch(text)) {
                continue;
            }
            List<Argument<?>> arguments = candidate.compiled(factory(language)).match(text);
            if (arguments != null) {
                matches.add(new Match(candidate.source(), arguments));
            }
        }
        return matches;
    }

    private ExpressionFactory factory(String language) {
        // as Cucumber's runner does for each scenario (Runner.localeForPickle)
        Locale locale = new Locale.Builder().setLanguage(language).build();
        return factories.computeIfAbsent(locale, l -> new ExpressionFactory(new ParameterTypeRegistry(l)));
    }

    /**
     * The expression's words that stand for themselves: no parameter, optional text, alternative
     * or escape in them. Empty for a regular expression, which is then always compiled.
     */
    static List<String> literalWords(String expression) {
        if (expression.startsWith("^") || expression.endsWith("$")
                || (expression.startsWith("/") && expression.endsWith("/"))) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (String word : expression.split("\\s+")) {
            if (!word.isEmpty() && word.chars().noneMatch(c -> "{}()/\\".indexOf(c) >= 0)) {
                words.add(word);
            }
        }
        return words;
    }

    /** One step expression, compiled per language the first time a step's text might match it. */
    private static final class Candidate {
        private final String source;
        private final List<String> words;
        private final Map<ExpressionFactory, Expression> compiled = new HashMap<>();

        Candidate(String source, List<String> words) {
            this.source = source;
            this.words = words;
        }

        String source() {
            return source;
        }

        boolean mayMatch(String text) {
            for (String word : words) {
                if (!text.contains(word)) {
                    return false;
                }
            }
            return true;
        }

        Expression compiled(ExpressionFactory factory) {
            return compiled.computeIfAbsent(factory, f -> f.createExpression(source));
        }
    }
}
