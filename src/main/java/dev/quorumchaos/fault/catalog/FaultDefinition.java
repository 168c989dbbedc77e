package dev.quorumchaos.fault.catalog;

import dev.quorumchaos.fault.FaultKind;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A named fault from the catalog: what it does to whom, and for composite faults the order and
 * timing of its parts. Built only by {@link FaultCatalog}, which has validated every field.
 */
public record FaultDefinition(String name, String description, Path file, Plan plan) {

    /** What the fault does. */
    public sealed interface Plan permits Single, Sequence, Rolling, Repeat {
        /** One line for listings and dry runs. */
        String describe();
    }

    /** A part of a sequence. */
    public sealed interface Step permits Single, Wait, AwaitQuorum {
        String describe();
    }

    /**
     * One fault on one target. {@code duration} is how long until it is recovered (required for
     * pause, optional for others, null when the fault lasts until its target heals or the
     * scenario ends). {@code options} holds what the kind read of its own fields, e.g. {@code taint}.
     */
    public record Single(FaultKind kind, MemberSelector target, Duration duration, Map<String, String> options)
            implements Plan, Step {
        @Override
        public String describe() {
            String what = kind.describe(target == null ? null : target.describe(), options);
            return duration == null ? what : what + " for " + FaultCatalog.format(duration);
        }
    }

    public record Wait(Duration duration) implements Step {
        @Override
        public String describe() {
            return "wait " + FaultCatalog.format(duration);
        }
    }

    public record AwaitQuorum(Duration timeout) implements Step {
        @Override
        public String describe() {
            return "wait for quorum (at most " + FaultCatalog.format(timeout) + ")";
        }
    }

    public record Sequence(List<Step> steps) implements Plan {
        @Override
        public String describe() {
            return String.join(", then ", steps.stream().map(Step::describe).toList());
        }
    }

    /** The fault on each member in turn (ordinal order, or shuffled by the run's seed). */
    public record Rolling(Single fault, Duration quorumTimeout, boolean randomOrder) implements Plan {
        @Override
        public String describe() {
            return fault.kind().name() + " each member in turn" + (randomOrder ? " (random order)" : "")
                    + ", waiting for every member to serve in between (at most " + FaultCatalog.format(quorumTimeout) + ")";
        }
    }

    public record Repeat(Single fault, Duration every, Duration total) implements Plan {
        @Override
        public String describe() {
            return fault.describe() + " every " + FaultCatalog.format(every) + " for " + FaultCatalog.format(total);
        }
    }
}
