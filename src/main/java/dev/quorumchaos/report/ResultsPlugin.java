package dev.quorumchaos.report;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.settings.RunSettings;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EmbedEvent;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import io.cucumber.plugin.event.TestStepFinished;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes {@code results.json}: per scenario its status, faults, checks with evidence and
 * metrics (from the record the scenario's hooks attach), plus a run summary CI can gate on.
 * Use as {@code --plugin dev.quorumchaos.report.ResultsPlugin:reports/latest/results.json}.
 */
public final class ResultsPlugin implements ConcurrentEventListener {

    /**
     * The version of the contract in {@code docs/results.schema.json}: raised when a field is
     * removed, renamed or changes meaning; fields may be added under the same version.
     */
    public static final int SCHEMA_VERSION = 1;

    private final Path out;
    private final Map<UUID, ScenarioRecord> records = new LinkedHashMap<>();
    private final Map<UUID, Map<String, Object>> outcomes = new LinkedHashMap<>();
    private final List<String> inputErrors = new ArrayList<>();
    private Instant started = Instant.now();

    public ResultsPlugin(String out) {
        this.out = Path.of(out);
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestRunStarted.class, e -> started = e.getInstant());
        publisher.registerHandlerFor(EmbedEvent.class, this::embedded);
        publisher.registerHandlerFor(TestStepFinished.class, this::stepFinished);
        publisher.registerHandlerFor(TestCaseFinished.class, this::caseFinished);
        publisher.registerHandlerFor(TestRunFinished.class, this::runFinished);
    }

    private synchronized void embedded(EmbedEvent e) {
        if (ScenarioRecord.MEDIA_TYPE.equals(e.getMediaType())) {
            records.put(e.getTestCase().getId(), Json.MAPPER.readValue(e.getData(), ScenarioRecord.class));
        }
    }

    private synchronized void stepFinished(TestStepFinished e) {
        Result result = e.getResult();
        Map<String, Object> outcome = outcomes.computeIfAbsent(e.getTestCase().getId(), id -> new LinkedHashMap<>());
        String where = e.getTestStep() instanceof PickleStepTestStep step
                ? step.getStep().getKeyword() + step.getStep().getText() + " (" + location(e.getTestCase(), step) + ")"
                : "hook " + e.getTestStep().getCodeLocation();
        if (result.getStatus() == Status.FAILED && !outcome.containsKey("failedStep")) {
            outcome.put("failedStep", where);
            outcome.put("error", String.valueOf(result.getError() == null ? null : result.getError().getMessage()));
            if (result.getError() != null && RunLog.isInternal(result.getError())) {
                outcome.put("internalError", true); // the harness failed here, not the ensemble
            }
            if (result.getError() instanceof ChaosException c && c.badInput()) {
                inputErrors.add(where + ": " + c.getMessage());
            }
        } else if (result.getStatus() == Status.SKIPPED && result.getError() != null && !outcome.containsKey("skipReason")) {
            outcome.put("skipReason", result.getError().getMessage());
        } else if (result.getStatus() == Status.UNDEFINED) {
            inputErrors.add("undefined step " + where);
        }
    }

    private static String location(TestCase testCase, PickleStepTestStep step) {
        // a feature read from the classpath (a team's JUnit suite) has a classpath: URI, not a file
        String uri = testCase.getUri().toString();
        return uri.substring(Math.max(uri.lastIndexOf('/'), uri.lastIndexOf(':')) + 1) + ":" + step.getStep().getLine();
    }

    private synchronized void caseFinished(TestCaseFinished e) {
        Map<String, Object> outcome = outcomes.computeIfAbsent(e.getTestCase().getId(), id -> new LinkedHashMap<>());
        outcome.put("name", e.getTestCase().getName());
        outcome.put("uri", e.getTestCase().getUri().toString());
        outcome.put("line", e.getTestCase().getLocation().getLine());
        outcome.put("tags", e.getTestCase().getTags());
        outcome.put("status", status(e.getResult().getStatus()));
    }

    private static String status(Status status) {
        return switch (status) {
            case PASSED -> "passed";
            case SKIPPED -> "skipped";
            default -> "failed";
        };
    }

    private synchronized void runFinished(TestRunFinished e) {
        List<Map<String, Object>> scenarios = new ArrayList<>();
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (Map.Entry<UUID, Map<String, Object>> entry : outcomes.entrySet()) {
            Map<String, Object> outcome = entry.getValue();
            Map<String, Object> scenario = scenario(outcome, records.get(entry.getKey()));
            switch (String.valueOf(outcome.get("status"))) {
                case "passed" -> passed++;
                case "skipped" -> skipped++;
                default -> failed++;
            }
            scenarios.add(scenario);
        }
        RunSettings settings = settings();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("startedAt", started.toString());
        run.put("durationMs", Duration.between(started, e.getInstant()).toMillis());
        run.put("target", settings == null ? "local" : settings.target());
        run.put("seed", settings == null || !settings.seedGiven() ? null : Long.toString(settings.seed()));
        run.put("passed", passed);
        run.put("failed", failed);
        run.put("skipped", skipped);
        run.put("status", failed > 0 ? "failed" : "passed");
        run.put("inputErrors", inputErrors);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("schemaVersion", SCHEMA_VERSION);
        results.put("run", run);
        results.put("scenarios", scenarios);
        write(results);
    }

    /**
     * The run's settings, as the CLI set them for it; null when one is malformed, which is then
     * an input error of the run (each scenario failed on it too, naming it).
     */
    private RunSettings settings() {
        try {
            return RunSettings.fromSystem();
        } catch (ChaosException e) {
            if (inputErrors.stream().noneMatch(p -> p.contains(e.getMessage()))) {
                inputErrors.add(e.getMessage());
            }
            return null;
        }
    }

    /** One scenario of results.json: how Cucumber saw it end, and what the harness recorded. */
    static Map<String, Object> scenario(Map<String, Object> outcome, ScenarioRecord record) {
        Map<String, Object> scenario = new LinkedHashMap<>();
        scenario.put("name", outcome.get("name"));
        scenario.put("status", outcome.get("status"));
        scenario.put("uri", outcome.get("uri"));
        scenario.put("line", outcome.get("line"));
        scenario.put("tags", outcome.get("tags"));
        for (String k : List.of("failedStep", "error", "internalError", "skipReason")) {
            if (outcome.containsKey(k)) {
                scenario.put(k, outcome.get(k));
            }
        }
        if (record != null) {
            scenario.put("target", record.target());
            scenario.put("startedAt", record.startedAt());
            scenario.put("durationMs", record.durationMs());
            scenario.put("members", record.members());
            scenario.put("budget", record.budget());
            scenario.put("faults", record.faults());
            scenario.put("recoveries", record.recoveries());
            scenario.put("checks", record.checks());
            scenario.put("metrics", record.metrics());
            scenario.put("timeline", record.timeline());
            if (record.history() != null) {
                scenario.put("history", record.history());
            }
        } else {
            scenario.put("faults", List.of());
            scenario.put("checks", List.of());
            scenario.put("metrics", Map.of());
        }
        return scenario;
    }

    /** Written beside and renamed into place, so a crash never leaves half a file. */
    private void write(Map<String, Object> results) {
        try {
            Path dir = out.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".results", ".json");
            Files.write(tmp, Json.MAPPER.writeValueAsBytes(results));
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.toAbsolutePath(), e);
        }
    }

}
