@local @kubernetes @etcd
Feature: Killed etcd members
  A killed member comes back on its own, as a StatefulSet brings back a pod. The cluster must
  elect a new leader within its election timeout, and lose no acknowledged write either way.

  Scenario: The etcd leader is killed while a client writes
    Given a 3-member etcd cluster
    And a disruption budget of 1 unavailable member
    And a client writing to "/orders" every 20 ms
    When the leader is killed
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost
    And the disruption budget is never exceeded

  Scenario: Two followers of five are killed at once and the etcd quorum holds
    Given a 5-member etcd cluster
    And a disruption budget of 2 unavailable members
    And a client writing to "/payments" every 20 ms
    When 2 followers are killed
    Then the ensemble keeps quorum
    And no acknowledged write is lost
    And at most 2 members were unavailable at once
