package dev.quorumchaos.check.budget;

import dev.quorumchaos.fault.node.EvictionAttempt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What was seen of an ensemble's disruption budget during a scenario: member readiness over
 * time, the budget's limit and published status, and every eviction a drain attempted.
 * Readiness counts from the moment every member was first Ready at once: pods start not Ready,
 * and a member still starting is no disruption.
 *
 * @param namespace   the ensemble's namespace; evictions elsewhere are not its members'
 * @param limits      each value maxUnavailable took, in order; a scenario may change it after deploy
 * @param countedFrom the first moment every member was Ready at once; null when that never happened
 * @param samples     each change of the set of unavailable members, in order, from deploy on
 */
public record BudgetObservations(String namespace, String pdb, int members, List<BudgetLimit> limits,
                                 Instant countedFrom, List<UnreadyPods> samples, List<BudgetStatus> statuses,
                                 List<EvictionAttempt> evictions) {

    /** The moment the most members were unavailable against the budget then in force. */
    public record Breach(UnreadyPods sample, Instant at, int maxUnavailable) {
    }

    public BudgetObservations {
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("a budget has at least its first limit");
        }
        limits = List.copyOf(limits);
        samples = List.copyOf(samples);
        statuses = List.copyOf(statuses);
        evictions = List.copyOf(evictions);
    }

    /** The limit in force at the end, for a person to read. */
    public int maxUnavailable() {
        return limits.get(limits.size() - 1).maxUnavailable();
    }

    public int maxUnavailableAt(Instant at) {
        int limit = limits.get(0).maxUnavailable();
        for (BudgetLimit l : limits) {
            if (!l.at().isAfter(at)) {
                limit = l.maxUnavailable();
            }
        }
        return limit;
    }

    /** The samples that count: from the first moment every member was Ready on. */
    public List<UnreadyPods> counted() {
        if (countedFrom == null) {
            return List.of();
        }
        return samples.stream().filter(s -> !s.at().isBefore(countedFrom)).toList();
    }

    /** The first moment the most members were unavailable at once, among the samples that count. */
    public Optional<UnreadyPods> peak() {
        return counted().stream().max(Comparator.comparingInt(UnreadyPods::count)
                .thenComparing(UnreadyPods::at, Comparator.reverseOrder()));
    }

    /**
     * The first moment more members were unavailable than the budget then in force allowed: at a
     * change of the unavailable members, or at a change of the budget while they were out.
     */
    public Optional<Breach> firstBreach() {
        List<UnreadyPods> counted = counted();
        List<Instant> moments = new ArrayList<>();
        counted.forEach(s -> moments.add(s.at()));
        limits.stream().map(BudgetLimit::at).filter(t -> countedFrom != null && t.isAfter(countedFrom)).forEach(moments::add);
        moments.sort(null);
        for (Instant t : moments) {
            UnreadyPods state = null;
            for (UnreadyPods s : counted) {
                if (!s.at().isAfter(t)) {
                    state = s;
                }
            }
            if (state != null && state.count() > maxUnavailableAt(t)) {
                return Optional.of(new Breach(state, t, maxUnavailableAt(t)));
            }
        }
        return Optional.empty();
    }

    public List<EvictionAttempt> memberEvictions() {
        return evictions.stream().filter(e -> e.namespace().equals(namespace)).toList();
    }
}
