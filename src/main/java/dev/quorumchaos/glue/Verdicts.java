package dev.quorumchaos.glue;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.check.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The scenario's verdicts, in the order the checks gave them. */
public final class Verdicts {

    private final ScenarioSettings settings;
    private final List<Verdict> verdicts = new ArrayList<>();

    public Verdicts(ScenarioSettings settings) {
        this.settings = settings;
    }

    /** Records the verdict; a check that crashes says UNKNOWN, and anything but PASS fails the step. */
    public void judge(Supplier<Verdict> check) {
        Verdict verdict;
        try {
            verdict = check.get();
        } catch (ChaosException e) {
            throw e;
        } catch (RuntimeException e) {
            verdict = Verdict.crashed("check", e);
        }
        add(verdict);
        if (!verdict.passed()) {
            throw new AssertionError(verdict.outcome() + ": " + verdict.check() + ": " + verdict.summary());
        }
    }

    public synchronized void add(Verdict verdict) {
        verdicts.add(verdict);
        settings.progress().say("check " + verdict.check() + ": " + verdict.outcome().name() + " - " + verdict.summary());
    }

    public synchronized List<Verdict> all() {
        return List.copyOf(verdicts);
    }
}
