@local
Feature: Rolling upgrades and restarts
  What operators do on purpose: stop one member gracefully, start it again (at a new release for
  an upgrade), wait until the whole ensemble serves, then take the next. Stopping the leader costs
  an election, so quorum is briefly lost once; the ensemble must regain it at once, keep every
  acknowledged write, and never have more than one member down.

  Scenario: A rolling upgrade from ZooKeeper 3.8.4 to 3.9.5 while a client writes
    Given a 3-member ZooKeeper 3.8.4 ensemble
    And a disruption budget of 1 unavailable member
    And a client writing to "/orders" every 20 ms
    When the ensemble is upgraded to ZooKeeper 3.9.5 one member at a time
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost
    And the disruption budget is never exceeded

  Scenario: A rolling restart, followers first and the leader last, while a client writes
    Given a 3-member ZooKeeper ensemble
    And a disruption budget of 1 unavailable member
    And a client writing to "/orders" every 20 ms
    When the ensemble is restarted one member at a time, followers first and the leader last
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost
    And the disruption budget is never exceeded
