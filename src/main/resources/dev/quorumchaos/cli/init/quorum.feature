@local @kubernetes
Feature: Our ZooKeeper ensemble survives losing members
  Written by `chaos init` as a start: `chaos steps` lists every step, `chaos faults` the catalog.

  Scenario: A killed leader is replaced in seconds, and no acknowledged write is lost
    Given a 3-member ZooKeeper ensemble
    And a disruption budget of 1 unavailable member
    And a client writing to "/orders" every 20 ms
    When the leader is killed
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost
    And the disruption budget is never exceeded

  Scenario: A follower loses its volume and comes back empty, from the catalog
    Given a 3-member ZooKeeper ensemble
    And a client writing to "/orders" every 20 ms
    When the fault "lose-volume-random-follower" is injected
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost
