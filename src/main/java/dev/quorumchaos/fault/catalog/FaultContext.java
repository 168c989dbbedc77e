package dev.quorumchaos.fault.catalog;

import java.time.Duration;
import java.util.List;

/**
 * What running a catalog fault needs from the scenario: choosing members now, injecting, and
 * waiting. The scenario's world implements it; tests can implement it by hand.
 */
public interface FaultContext {

    int size();

    int leader();

    List<Integer> followers(int count);

    /** A member chosen with the run's seeded random source. */
    int randomMember();

    int randomFollower();

    /** Shuffles with the run's seeded random source. */
    List<Integer> shuffled(List<Integer> members);

    /** Builds and injects one fault on the given members; returns the injection's id. */
    String inject(FaultDefinition.Single fault, List<Integer> members, String description);

    void recoverAfter(String id, Duration delay);

    /** Waits until a quorum serves; fails the scenario after {@code timeout}. */
    void awaitQuorum(Duration timeout);

    /** Waits until every member serves; fails the scenario after {@code timeout}. */
    void awaitAllServing(Duration timeout);

    void await(Duration duration);

    void say(String line);
}
