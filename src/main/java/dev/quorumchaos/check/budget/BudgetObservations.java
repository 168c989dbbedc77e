package dev.quorumchaos.check.budget;

import dev.quorumchaos.fault.node.EvictionAttempt;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What was seen of an ensemble's disruption budget during a scenario: member readiness over
 * time, the budget's published status, and every eviction a drain attempted.
 *
 * @param namespace      the ensemble's namespace; evictions elsewhere are not its members'
 * @param maxUnavailable the budget
 * @param samples        each change of the set of unavailable members, in order
 */
public record BudgetObservations(String namespace, String pdb, int maxUnavailable, int members,
                                 List<UnreadyPods> samples, List<BudgetStatus> statuses,
                                 List<EvictionAttempt> evictions) {

    public BudgetObservations {
        samples = List.copyOf(samples);
        statuses = List.copyOf(statuses);
        evictions = List.copyOf(evictions);
    }

    /** The first moment the most members were unavailable at once. */
    public Optional<UnreadyPods> peak() {
        return samples.stream().max(Comparator.comparingInt(UnreadyPods::count)
                .thenComparing(UnreadyPods::at, Comparator.reverseOrder()));
    }

    public List<EvictionAttempt> memberEvictions() {
        return evictions.stream().filter(e -> e.namespace().equals(namespace)).toList();
    }
}
