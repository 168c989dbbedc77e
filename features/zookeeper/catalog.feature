@local @kubernetes
Feature: Faults from the catalog
  Named faults from faults/ are injected by name; composite ones run to their end in the step.

  Scenario: A rolling kill keeps every acknowledged write and the budget
    Given a 3-member ZooKeeper ensemble
    And a disruption budget of 1 unavailable member
    And a client writing to "/orders" every 20 ms
    When the fault "rolling-kill" is injected
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost
    And the disruption budget is never exceeded

  Scenario: The new leader is frozen right after it was elected
    Given a 3-member ZooKeeper ensemble
    And a client writing to "/orders" every 20 ms
    When the fault "kill-then-pause-new-leader" is injected
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost

  Scenario: The leader is isolated for twenty seconds, then the network heals by itself
    Given a 3-member ZooKeeper ensemble
    And a client writing to "/orders" every 20 ms
    When the fault "isolate-leader" is injected
    Then the ensemble has quorum within 30 seconds
    And the minority serves no writes
    And no acknowledged write is lost
