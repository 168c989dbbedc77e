package dev.quorumchaos.cli;

import io.cucumber.core.feature.FeatureParser;
import io.cucumber.core.filter.Filters;
import io.cucumber.core.gherkin.Feature;
import io.cucumber.core.gherkin.FeatureParserException;
import io.cucumber.core.gherkin.Pickle;
import io.cucumber.core.options.RuntimeOptions;
import io.cucumber.core.runtime.FeaturePathFeatureSupplier;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The check before a run, with Cucumber's own parts and none of its run: its options (from the
 * same arguments, properties file, environment and system properties as the run), its
 * feature parser, its scenario filters (tags, lines, names), and the glue's expressions compiled
 * as its runner compiles them. A Cucumber dry run found the same but built a whole run to do it:
 * loading and wiring the glue, emitting every message, a second of CPU on two cores before the
 * member JVMs could start. This reads Cucumber's options, parses the features (which the run
 * then takes as they are) and compiles only the expressions a step could match
 * ({@link GlueExpressions}): a few hundred milliseconds of a cold JVM, most of it class loading
 * the run would do anyway.
 */
record FeatureCheckRun(int scenarios, List<String> problems, List<String[]> faultReferences, int firstEnsembleSize,
                       List<Feature> features) {

    private static final Pattern RESOURCE = Pattern.compile("Failed to parse resource at: (\\S+)");
    private static final Pattern PARSE_ERROR =
            Pattern.compile("\\((\\d+):(\\d+)\\): expected: (.*), got '(.*)'");

    /** @param cucumberArgs the arguments the run will give Cucumber */
    static FeatureCheckRun run(List<String> cucumberArgs) {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        List<Feature> features;
        RuntimeOptions options;
        try {
            options = CucumberRun.options(cucumberArgs, said);
            features = new FeaturePathFeatureSupplier(Thread.currentThread()::getContextClassLoader, options,
                    new FeatureParser(UUID::randomUUID)).get();
        } catch (FeatureParserException e) {
            return new FeatureCheckRun(0, List.of(parseFailure(messages(e))), List.of(), 0, List.of());
        } catch (RuntimeException e) {
            // an option Cucumber cannot take, such as a tag expression it cannot parse
            return new FeatureCheckRun(0, List.of(parseFailure(said.toString(StandardCharsets.UTF_8) + messages(e))),
                    List.of(), 0, List.of());
        }
        Filters selected = new Filters(options);
        FeatureCheck check = new FeatureCheck(new GlueExpressions());
        for (Feature feature : features) {
            for (Pickle pickle : feature.getPickles()) {
                if (selected.test(pickle)) {
                    check.scenario(pickle);
                }
            }
        }
        return new FeatureCheckRun(check.scenarios(), check.problems(), check.faultReferences(),
                check.firstEnsembleSize(), features);
    }

    /** The exception's message and its causes', where Gherkin says what it could not read. */
    private static String messages(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    /** Turns Gherkin's "(2:3): expected: #EOF, ..., got 'Given'" into file:line and plain words. */
    private static String parseFailure(String output) {
        Matcher resource = RESOURCE.matcher(output);
        if (resource.find()) {
            String file = resource.group(1);
            try {
                file = FeatureCheck.where(java.net.URI.create(file), 0).replaceFirst(":0$", "");
            } catch (IllegalArgumentException ignored) {
                // not a URI: keep it as Cucumber wrote it
            }
            List<String> errors = new ArrayList<>();
            Matcher m = PARSE_ERROR.matcher(output);
            while (m.find() && errors.size() < 3) {
                String expected = m.group(3).replace("#", "").replace("EOF, ", "");
                errors.add(file + ":" + m.group(1) + ": Gherkin cannot read '" + m.group(4) + "' here (expected one of: "
                        + expected + ")");
            }
            return errors.isEmpty() ? file + ": not a feature file Cucumber can parse" : String.join("; ", errors);
        }
        String firstLines = String.join(" ", output.lines().limit(3).toList());
        return "cucumber could not read the features: " + firstLines;
    }
}
