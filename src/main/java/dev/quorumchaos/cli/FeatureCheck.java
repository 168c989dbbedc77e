package dev.quorumchaos.cli;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestStepFinished;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Listens to a dry run (nothing executes) and collects what makes the features unrunnable:
 * steps no glue matches, or matches more than once. The dry run also parses every file, so a
 * malformed feature fails here, before any member starts.
 */
public final class FeatureCheck implements ConcurrentEventListener {

    private final Path out;
    private static final java.util.regex.Pattern FAULT_STEP =
            java.util.regex.Pattern.compile("the fault \"([^\"]*)\" is injected");

    private final List<String> problems = new ArrayList<>();
    private final List<String> faultReferences = new ArrayList<>();
    private int scenarios;
    private int firstEnsembleSize;
    /** EnsembleSteps' phrasing; FeatureCheckRunTest fails if the two part. */
    private static final java.util.regex.Pattern ENSEMBLE_STEP =
            java.util.regex.Pattern.compile("a (\\d+)-member ZooKeeper ensemble");

    /**
     * @param out where the findings go: a first line with the scenario count, then one line per
     *            problem ("problem", text) or catalog fault named by a step ("fault", where, name),
     *            and the size of the first scenario's ensemble ("size", n) if it names one
     */
    public FeatureCheck(String out) {
        this.out = Path.of(out);
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestCaseStarted.class, e -> scenarios++);
        publisher.registerHandlerFor(TestStepFinished.class, this::stepFinished);
        publisher.registerHandlerFor(TestRunFinished.class, e -> write());
    }

    private synchronized void write() {
        List<String> lines = new ArrayList<>();
        lines.add(Integer.toString(scenarios));
        problems.forEach(p -> lines.add("problem\t" + p.replace('\n', ' ')));
        faultReferences.forEach(r -> lines.add("fault\t" + r));
        if (firstEnsembleSize > 0) {
            lines.add("size\t" + firstEnsembleSize);
        }
        try {
            Files.write(out, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void stepFinished(TestStepFinished e) {
        if (!(e.getTestStep() instanceof PickleStepTestStep step)) {
            return;
        }
        Status status = e.getResult().getStatus();
        String where = where(e.getTestCase().getUri(), step.getStep().getLine());
        String text = step.getStep().getKeyword() + step.getStep().getText();
        java.util.regex.Matcher fault = FAULT_STEP.matcher(step.getStep().getText());
        if (fault.matches()) {
            faultReferences.add(where + "\t" + fault.group(1));
        }
        java.util.regex.Matcher ensemble = ENSEMBLE_STEP.matcher(step.getStep().getText());
        if (ensemble.matches() && firstEnsembleSize == 0) {
            firstEnsembleSize = Integer.parseInt(ensemble.group(1));
        }
        if (status != Status.UNDEFINED && step.getStep().getArgument() != null) {
            // no step of the vocabulary takes a table or a doc string; Cucumber would only find out
            // when the step runs, after the ensemble is up
            problems.add(where + ": step '" + text.trim() + "' takes no table or doc string; remove the lines"
                    + " under it that start with | or \"\"\"");
        }
        if (status != Status.UNDEFINED && status != Status.AMBIGUOUS) {
            // a dry run matches steps but converts no argument: a number too large for the step
            // would otherwise fail only when the step runs, after the ensemble is up
            for (io.cucumber.plugin.event.Argument argument : step.getDefinitionArgument()) {
                if ("int".equals(argument.getParameterTypeName()) && !fitsAnInt(argument.getValue())) {
                    problems.add(where + ": " + argument.getValue() + " in step '" + text.trim()
                            + "' is not a number the step can take (at most " + Integer.MAX_VALUE + ")");
                }
            }
        }
        if (status == Status.UNDEFINED) {
            problems.add(where + ": unknown step '" + text.trim() + "'. No step phrasing matches it; see"
                    + " README.md for the vocabulary.");
        } else if (status == Status.AMBIGUOUS) {
            problems.add(where + ": step '" + text.trim() + "' matches more than one phrasing: "
                    + e.getResult().getError().getMessage());
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

    static String where(java.net.URI uri, int line) {
        String path = "file".equals(uri.getScheme()) ? relative(Path.of(uri)) : uri.toString();
        return path + ":" + line;
    }

    private static String relative(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }

}
