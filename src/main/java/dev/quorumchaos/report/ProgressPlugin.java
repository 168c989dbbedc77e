package dev.quorumchaos.report;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestStepFinished;
import io.cucumber.plugin.event.TestStepStarted;

/**
 * Step-by-step progress for the terminal; the engine adds fault and quorum lines in between.
 * A step that failed gets one line: a check's verdict or the harness's own message as it is; an
 * internal error (the harness failing, not the ensemble) its type and where, with the full trace
 * in the run's log when one is given ({@code --plugin dev.quorumchaos.report.ProgressPlugin:LOG}).
 */
public final class ProgressPlugin implements ConcurrentEventListener {

    private final Progress progress = Progress.to(System.out);
    private final RunLog log;

    public ProgressPlugin() {
        this.log = null;
    }

    public ProgressPlugin(String runLog) {
        this.log = RunLog.at(java.nio.file.Path.of(runLog));
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestStepStarted.class, e -> {
            if (e.getTestStep() instanceof PickleStepTestStep step) {
                progress.say(step.getStep().getKeyword() + step.getStep().getText());
            }
        });
        publisher.registerHandlerFor(TestStepFinished.class, e -> {
            Status status = e.getResult().getStatus();
            if (status == Status.PASSED || !(e.getTestStep() instanceof PickleStepTestStep)
                    && status == Status.SKIPPED) {
                return;
            }
            progress.say("  -> " + status.name() + why(status, e.getResult().getError(), e.getTestStep().getCodeLocation()));
        });
        publisher.registerHandlerFor(TestCaseFinished.class, e -> progress.say(
                "scenario " + e.getResult().getStatus().name() + ": " + e.getTestCase().getName()
                        + " (" + e.getResult().getDuration().toMillis() / 1000.0 + " s)"));
    }

    private String why(Status status, Throwable error, String where) {
        if (error == null) {
            return "";
        }
        if (status != Status.FAILED || !RunLog.isInternal(error)) {
            return ": " + error.getMessage(); // a skip, a verdict, or the harness's own message
        }
        return ": " + (log == null ? "internal error: " + RunLog.oneLine(error) : log.internalError(where, error));
    }
}
