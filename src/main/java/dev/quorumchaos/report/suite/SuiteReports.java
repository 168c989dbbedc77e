package dev.quorumchaos.report.suite;

import dev.quorumchaos.report.ResultsPlugin;
import dev.quorumchaos.report.html.ResilienceReport;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestRunFinished;

import java.nio.file.Path;

/**
 * The reports {@code chaos run} leaves in {@code reports/latest/}, for a team's own JUnit
 * Platform suite: {@code results.json}, then {@code index.html} and a line of the trend in
 * {@code history.jsonl} beside the directory, written when the run finishes. Cucumber's own
 * {@code junit}, {@code json} and {@code html} plugins give the rest. Use as
 * {@code cucumber.plugin=dev.quorumchaos.report.suite.SuiteReports:target/chaos-reports}; set
 * {@code chaos.reportDir} to the same directory so the scenarios' histories land beside it.
 */
public final class SuiteReports implements ConcurrentEventListener {

    private final Path dir;
    private final ResultsPlugin results;

    public SuiteReports(String dir) {
        this.dir = Path.of(dir).toAbsolutePath();
        this.results = new ResultsPlugin(this.dir.resolve("results.json").toString());
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        // handlers run in the order registered: results.json is written before the page reads it
        results.setEventPublisher(publisher);
        publisher.registerHandlerFor(TestRunFinished.class, e -> {
            Path index = ResilienceReport.write(dir, dir.resolveSibling("history.jsonl"));
            System.out.println("chaos: report: " + index);
        });
    }
}
