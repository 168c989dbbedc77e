package dev.quorumchaos.report.results;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.report.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code results.json} read back: the run summary and every scenario. Fields a newer harness
 * adds are ignored and fields an older one lacks are empty, so a report can always be drawn.
 */
public record RunResults(RunSummary run, List<ScenarioResult> scenarios) {

    public RunResults {
        run = run == null ? RunSummary.EMPTY : run;
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
    }

    public static RunResults read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ChaosException("Report: no results at " + file.toAbsolutePath() + "; nothing to render");
        }
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ChaosException("Report: cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        } catch (JacksonException e) {
            throw new ChaosException("Report: cannot read " + file.toAbsolutePath() + ": " + e.getOriginalMessage(), e);
        }
    }

    public static RunResults parse(byte[] json) {
        return Json.MAPPER.readerFor(RunResults.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .without(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .readValue(json);
    }

    /** Scenarios that ran to a verdict: skipped ones say nothing about resilience. */
    public List<ScenarioResult> ran() {
        return scenarios.stream().filter(s -> !s.skipped()).toList();
    }
}
