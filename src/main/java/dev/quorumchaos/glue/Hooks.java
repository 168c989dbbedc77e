package dev.quorumchaos.glue;

import dev.quorumchaos.report.Json;
import dev.quorumchaos.report.ScenarioRecord;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;

/**
 * Runs on every way out of a scenario: recovers faults, stops clients, tears the ensemble down,
 * and hands the scenario's record to the reports as an attachment.
 */
public class Hooks {

    private final ScenarioSettings settings;
    private final ScenarioClock clock;
    private final Deployment deployment;
    private final Verdicts verdicts;
    private final ScenarioTeardown teardown;

    public Hooks(ScenarioSettings settings, ScenarioClock clock, Deployment deployment, Verdicts verdicts,
                 ScenarioTeardown teardown) {
        this.settings = settings;
        this.clock = clock;
        this.deployment = deployment;
        this.verdicts = verdicts;
        this.teardown = teardown;
    }

    static String slug(String name) {
        String slug = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.length() > 60 ? slug.substring(0, 60) : slug;
    }

    @Before(order = 0)
    public void announce(Scenario scenario) {
        clock.begin(settings.run().seed(), scenario.getName());
        java.net.URI uri = scenario.getUri(); // classpath:features/x.feature in a team's JUnit suite: no path
        settings.progress().say("scenario: " + scenario.getName() + "  ("
                + (uri.isOpaque() ? uri.getSchemeSpecificPart() : uri.getPath()) + ":" + scenario.getLine() + ")");
    }

    /**
     * Teardown in an order that lets nothing the harness does here decide a verdict wrongly: the
     * record is taken first (the verdicts are in), the scenario's faults are recovered and its
     * ensemble torn down whatever happened before, and the record reaches the reports even if
     * recovery failed. A record that cannot be made is the harness failing, said after the
     * teardown it must not prevent.
     */
    @After(order = 0)
    public void tearDown(Scenario scenario) {
        ScenarioRecord record = null;
        RuntimeException recordFailed = null;
        try {
            record = ScenarioRecord.of(scenario.getName(), settings.run().target(),
                    scenario.getStatus().name().toLowerCase(java.util.Locale.ROOT), clock.history(),
                    deployment.hasEnsemble() ? deployment.ensemble().size() : 0,
                    deployment.budget().isPresent() ? deployment.budget().getAsInt() : null,
                    deployment.bootToQuorumMillis(), verdicts.all());
            record = record.withHistory(HistoryFiles.save(clock.history(), settings.run().reportDir(),
                    deployment.hasEnsemble() ? deployment.service() : null, settings.progress(), scenario));
        } catch (RuntimeException e) {
            recordFailed = e;
        }
        if (scenario.isFailed() && deployment.hasEnsemble()) {
            try {
                deployment.ensemble().saveLogs(settings.run().reportDir().resolve("logs").resolve(slug(scenario.getName())));
            } catch (RuntimeException e) {
                settings.progress().say("could not save member logs: " + e.getMessage());
            }
        }
        try {
            teardown.close(!scenario.isFailed());
        } finally {
            if (record != null) {
                scenario.attach(Json.MAPPER.writeValueAsBytes(record), ScenarioRecord.MEDIA_TYPE, "chaos-record");
            }
        }
        if (recordFailed != null) {
            throw recordFailed;
        }
    }
}
