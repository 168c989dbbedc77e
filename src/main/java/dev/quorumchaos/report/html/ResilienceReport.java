package dev.quorumchaos.report.html;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.report.AtomicFile;
import dev.quorumchaos.report.results.RunResults;
import dev.quorumchaos.report.score.ResilienceScore;
import dev.quorumchaos.report.score.RunScore;
import dev.quorumchaos.report.trend.HistoryEntry;
import dev.quorumchaos.report.trend.RunHistory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The resilience report of a run: reads {@code results.json} from the report directory, records
 * the run in the history, and writes {@code index.html} beside the results, the page a person
 * opens to see in a minute what failed, when, and how long the ensemble was without quorum.
 */
public final class ResilienceReport {

    /** How many runs the trend shows. */
    public static final int TREND_RUNS = 30;

    private ResilienceReport() {
    }

    /**
     * Renders {@code reportDir/index.html} from {@code reportDir/results.json} and appends the run
     * to {@code historyFile} (created if missing). Both files are replaced whole, never left half
     * written. Rendering the same results again replaces their history line rather than adding one.
     *
     * @return the written {@code index.html}
     * @throws ChaosException naming the file when the results cannot be read or a file cannot be written
     */
    public static Path write(Path reportDir, Path historyFile) {
        RunResults results = RunResults.read(reportDir.resolve("results.json"));
        RunScore score = ResilienceScore.of(results);
        List<HistoryEntry> trend = RunHistory.at(historyFile).record(HistoryEntry.of(results, score), TREND_RUNS);
        Path index = reportDir.resolve("index.html");
        try {
            AtomicFile.write(index, render(results, trend).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ChaosException("Report: cannot write " + index.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return index;
    }

    /** The page alone, for a results file already read; {@code trend} oldest first. */
    public static String render(RunResults results, List<HistoryEntry> trend) {
        return ReportPage.render(results, ResilienceScore.of(results), trend);
    }
}
