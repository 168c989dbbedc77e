package dev.quorumchaos.report;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestRunFinished;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link ResultsPlugin} for the project's own JUnit suite, holding what it wrote to
 * {@code docs/results.schema.json} as the run ends: a results.json that breaks the contract fails
 * the suite, naming each field. Use as {@code dev.quorumchaos.report.ValidatedResults:FILE}.
 */
public final class ValidatedResults implements ConcurrentEventListener {

    private final Path out;
    private final ResultsPlugin results;

    public ValidatedResults(String out) {
        this.out = Path.of(out);
        this.results = new ResultsPlugin(out);
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        results.setEventPublisher(publisher); // registered first, so it has written the file below
        publisher.registerHandlerFor(TestRunFinished.class, e -> {
            List<String> problems;
            try {
                problems = ResultsSchema.problems(Files.readString(out));
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
            if (!problems.isEmpty()) {
                throw new AssertionError(out + " breaks " + ResultsSchema.FILE + ":\n  " + String.join("\n  ", problems));
            }
        });
    }
}
