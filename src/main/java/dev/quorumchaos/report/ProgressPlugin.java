package dev.quorumchaos.report;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestStepFinished;
import io.cucumber.plugin.event.TestStepStarted;

/** Step-by-step progress for the terminal; the engine adds fault and quorum lines in between. */
public final class ProgressPlugin implements ConcurrentEventListener {

    private final Progress progress = Progress.to(System.out);

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
            String why = e.getResult().getError() == null ? "" : ": " + e.getResult().getError().getMessage();
            progress.say("  -> " + status.name() + why);
        });
        publisher.registerHandlerFor(TestCaseFinished.class, e -> progress.say(
                "scenario " + e.getResult().getStatus().name() + ": " + e.getTestCase().getName()
                        + " (" + e.getResult().getDuration().toMillis() / 1000.0 + " s)"));
    }
}
