package dev.quorumchaos.glue;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every step phrasing the glue defines, read from the glue's own annotations. */
public final class StepVocabulary {

    /** One phrasing: its keyword, Cucumber expression, an example, and the method behind it. */
    public record Phrasing(String keyword, String expression, String example, String domain, Method method) {
    }

    /** The step classes, grouped by domain concept; a new step class is added here and nowhere else. */
    static final List<Class<?>> STEP_CLASSES = List.of(EnsembleSteps.class, WorkloadSteps.class, FaultSteps.class,
            PartitionSteps.class, NodeSteps.class, NodeLossSteps.class, ScaleSteps.class, OperationSteps.class,
            CheckSteps.class);

    private StepVocabulary() {
    }

    public static List<Phrasing> all() {
        List<Phrasing> phrasings = new ArrayList<>();
        for (Class<?> steps : STEP_CLASSES) {
            String domain = steps.getSimpleName().replace("Steps", "").toLowerCase(java.util.Locale.ROOT);
            List<Method> methods = new ArrayList<>(List.of(steps.getDeclaredMethods()));
            methods.sort(Comparator.comparing(Method::getName));
            for (Method m : methods) {
                String example = m.isAnnotationPresent(Example.class) ? m.getAnnotation(Example.class).value() : null;
                if (m.isAnnotationPresent(Given.class)) {
                    phrasings.add(new Phrasing("Given", m.getAnnotation(Given.class).value(), example, domain, m));
                } else if (m.isAnnotationPresent(When.class)) {
                    phrasings.add(new Phrasing("When", m.getAnnotation(When.class).value(), example, domain, m));
                } else if (m.isAnnotationPresent(Then.class)) {
                    phrasings.add(new Phrasing("Then", m.getAnnotation(Then.class).value(), example, domain, m));
                }
            }
        }
        phrasings.sort(Comparator.comparing((Phrasing p) -> List.of("Given", "When", "Then").indexOf(p.keyword()))
                .thenComparing(p -> STEP_CLASSES.indexOf(p.method().getDeclaringClass())));
        return phrasings;
    }
}
