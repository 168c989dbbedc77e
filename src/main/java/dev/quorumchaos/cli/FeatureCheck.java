package dev.quorumchaos.cli;

import io.cucumber.core.gherkin.Pickle;
import io.cucumber.core.gherkin.Step;
import io.cucumber.cucumberexpressions.Argument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules a scenario's steps are held to before anything starts, as Cucumber would find out
 * only when the step runs, after the ensemble is up: a step no phrasing matches, or more than
 * one; a table or doc string under a step (no step of the vocabulary takes one); a number too
 * large for its step. On the way it collects the catalog faults the steps name and the size of
 * the first scenario's ensemble, for the standbys.
 */
final class FeatureCheck {

    private static final Pattern FAULT_STEP = Pattern.compile("the fault \"([^\"]*)\" is injected");
    /** EnsembleSteps' phrasing; FeatureCheckRunTest fails if the two part. */
    private static final Pattern ENSEMBLE_STEP = Pattern.compile("a (\\d+)-member ZooKeeper ensemble");

    private final GlueExpressions glue;
    private final List<String> problems = new ArrayList<>();
    private final List<String[]> faultReferences = new ArrayList<>();
    private int scenarios;
    private int firstEnsembleSize;

    FeatureCheck(GlueExpressions glue) {
        this.glue = glue;
    }

    /** Checks every step of a scenario that is to run. */
    void scenario(Pickle pickle) {
        scenarios++;
        for (Step step : pickle.getSteps()) {
            step(pickle, step);
        }
    }

    private void step(Pickle pickle, Step step) {
        String where = where(pickle.getUri(), step.getLine());
        String text = (step.getKeyword() + step.getText()).trim();
        Matcher fault = FAULT_STEP.matcher(step.getText());
        if (fault.matches()) {
            faultReferences.add(new String[]{where, fault.group(1)});
        }
        Matcher ensemble = ENSEMBLE_STEP.matcher(step.getText());
        if (ensemble.matches() && firstEnsembleSize == 0) {
            firstEnsembleSize = Integer.parseInt(ensemble.group(1));
        }
        List<GlueExpressions.Match> matches = glue.match(step.getText(), pickle.getLanguage());
        if (matches.isEmpty()) {
            problems.add(where + ": unknown step '" + text + "'. No step phrasing matches it; see"
                    + " README.md for the vocabulary.");
            return;
        }
        if (step.getArgument() != null) {
            problems.add(where + ": step '" + text + "' takes no table or doc string; remove the lines"
                    + " under it that start with | or \"\"\"");
        }
        if (matches.size() > 1) {
            problems.add(where + ": step '" + text + "' matches more than one phrasing: " + String.join(", ",
                    matches.stream().map(m -> "'" + m.expression() + "'").toList()));
            return;
        }
        for (Argument<?> argument : matches.get(0).arguments()) {
            // matching converts nothing: a number too large for the step would fail only when it runs
            String value = argument.getGroup().getValue();
            if ("int".equals(argument.getParameterType().getName()) && !fitsAnInt(value)) {
                problems.add(where + ": " + value + " in step '" + text + "' is not a number the step can take"
                        + " (at most " + Integer.MAX_VALUE + ")");
            }
        }
    }

    private static boolean fitsAnInt(String value) {
        try {
            Integer.parseInt(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    int scenarios() {
        return scenarios;
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Each as {where, fault name}. */
    List<String[]> faultReferences() {
        return List.copyOf(faultReferences);
    }

    /** Of the first scenario that names one; 0 if none does. */
    int firstEnsembleSize() {
        return firstEnsembleSize;
    }

    static String where(java.net.URI uri, int line) {
        String path = "file".equals(uri.getScheme()) ? relative(Path.of(uri)) : uri.toString();
        return path + ":" + line;
    }

    private static String relative(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }
}
