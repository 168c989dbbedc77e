package dev.quorumchaos.cli;

import dev.quorumchaos.fault.catalog.FaultCatalog;
import dev.quorumchaos.settings.RunSettings;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestStepStarted;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For {@code --dry-run}: prints, per scenario, what it would deploy, inject and check, and where,
 * from the steps Cucumber matched. Nothing runs: Cucumber's dry run executes no step.
 */
public final class PlanPrinter implements ConcurrentEventListener {

    private static final Pattern FAULT = Pattern.compile("the fault \"([^\"]*)\" is injected");

    private final String target;
    private final FaultCatalog catalog;

    /** Made by Cucumber, in the CLI's JVM: the CLI has set the target and the catalog for this run. */
    public PlanPrinter() {
        RunSettings settings = RunSettings.fromSystem();
        target = settings.target();
        catalog = FaultCatalog.load(settings.faultsDir());
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestCaseStarted.class, e -> System.out.println("\nscenario: "
                + e.getTestCase().getName() + "  (" + FeatureCheck.where(e.getTestCase().getUri(),
                e.getTestCase().getLocation().getLine()) + ")  on " + target));
        publisher.registerHandlerFor(TestStepStarted.class, e -> {
            if (e.getTestStep() instanceof PickleStepTestStep step) {
                System.out.println("  " + plan(step));
            }
        });
    }

    /** The glue methods phrased as Then steps, as Cucumber names their code location ({@code Class.method(}). */
    private static final java.util.List<String> CHECKS = dev.quorumchaos.glue.StepVocabulary.all().stream()
            .filter(p -> p.keyword().equals("Then"))
            .map(p -> p.method().getDeclaringClass().getName() + "." + p.method().getName() + "(").toList();

    /** A check written beside its operation's steps (the ensemble has 5 members, in ScaleSteps). */
    private static boolean isCheck(String location) {
        return CHECKS.stream().anyMatch(location::startsWith);
    }

    private String plan(PickleStepTestStep step) {
        String text = step.getStep().getText();
        String location = step.getCodeLocation();
        Matcher fault = FAULT.matcher(text);
        if (fault.matches()) {
            return "inject  " + catalog.find(fault.group(1)).map(f -> f.name() + ": " + f.plan().describe())
                    .orElse("UNKNOWN fault '" + fault.group(1) + "'");
        }
        if (location == null) {
            return "??      " + text + "  (no step matches)";
        }
        if (location.contains("NodeSteps") || location.contains("NodeLossSteps")) {
            return "local".equals(target) ? "skip    " + text + "  (needs Kubernetes nodes; the scenario would be"
                    + " reported skipped)" : "inject  " + text;
        }
        if (location.contains("PodIsDeleted")) {
            return "local".equals(target) ? "skip    " + text + "  (needs Kubernetes pods; the scenario would be"
                    + " reported skipped)" : "inject  " + text;
        }
        String verb = location.contains("EnsembleSteps") ? (text.contains("budget") ? "budget  " : "deploy  ")
                : location.contains("WorkloadSteps") ? "client  "
                : location.contains("CheckSteps") || isCheck(location) ? "check   "
                : text.endsWith("pass") || text.endsWith("passes") ? "wait    " : "inject  ";
        return verb + text;
    }
}
