package dev.quorumchaos.fault;

import dev.quorumchaos.ChaosException;

import java.util.List;
import java.util.Map;

/**
 * One kind of fault, declared in its own package beside the fault it builds, as Chaos Mesh keeps
 * each fault's spec and its apply/recover together: the fields a fault file gives it, whom it
 * hits, and how a catalog entry becomes a {@link Fault}. The registry, {@code fault.kinds.FaultKinds},
 * lists every kind; the catalog validates fault files against it.
 */
public interface FaultKind {

    /** What a fault of this kind hits: members, or the nodes that host them. */
    enum Victim { MEMBER, NODE }

    /** As a fault file writes it: {@code kind: kill}. */
    String name();

    /** The fields a fault file may give it beyond {@code kind} and {@code target}, e.g. {@code duration}. */
    List<String> fields();

    default Victim victim() {
        return Victim.MEMBER;
    }

    /** Whether a fault file must say how long it lasts: a pause ends only when its time is up. */
    default boolean needsDuration() {
        return false;
    }

    /** Whether a rolling fault may apply it to each member in turn. */
    default boolean rolls() {
        return false;
    }

    /** Whether this entry must name whom it hits; reads and checks the fields that decide it. */
    default boolean needsTarget(KindFields fields) {
        return true;
    }

    /** Reads and checks the kind's own fields into options; a mistake names the field's file and line. */
    default Map<String, String> options(KindFields fields) {
        return Map.of();
    }

    /** What an entry does, for listings and dry runs, e.g. "kill leader"; {@code target} is null when none is named. */
    default String describe(String target, Map<String, String> options) {
        return name() + " " + target;
    }

    /** Builds the fault on {@code members}, chosen just now; nothing is applied yet. */
    Fault build(FaultSite site, List<Integer> members, Map<String, String> options, String description);

    /** The member of a fault that hits one member at a time. */
    static int one(List<Integer> members, String description) {
        if (members.size() != 1) {
            throw ChaosException.badInput("'" + description + "' hits one member at a time, not " + members);
        }
        return members.get(0);
    }
}
