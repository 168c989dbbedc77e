@local
Feature: The orders ensemble keeps its writes through a crash of its leader

  Scenario: Our own catalog's fault: the leader crashes, a new one is elected, nothing is lost
    Given a 3-member ZooKeeper ensemble
    And a disruption budget of 1 unavailable member
    And a client writing to "/orders" every 20 ms
    When the fault "crash-the-leader" is injected
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost
    And the disruption budget is never exceeded
