@local @kubernetes
Feature: Killed members
  A killed member comes back on its own, as a StatefulSet brings back a pod. The ensemble must
  elect a new leader quickly when the leader dies, and lose no acknowledged write either way.

  Scenario: The leader is killed while a client writes
    Given a 3-member ZooKeeper ensemble
    And a disruption budget of 1 unavailable member
    And a client writing to "/orders" every 20 ms
    When the leader is killed
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost
    And the disruption budget is never exceeded

  Scenario: Two followers of five are killed at once and the quorum holds
    Given a 5-member ZooKeeper ensemble
    And a disruption budget of 2 unavailable members
    And a client writing to "/payments" every 20 ms
    When 2 followers are killed
    Then the ensemble keeps quorum
    And no acknowledged write is lost
    And at most 2 members were unavailable at once

  Scenario: Kills in consecutive steps overlap
    Given a 5-member ZooKeeper ensemble
    And a client writing to "/ledger" every 20 ms
    When member 0 is killed
    And member 1 is killed
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost
    And at most 2 members were unavailable at once
