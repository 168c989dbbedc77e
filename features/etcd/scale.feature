@local @kubernetes @etcd
Feature: Growing and shrinking the etcd cluster under load
  etcd changes its membership while it serves: a new member is added as a learner, started with
  --initial-cluster-state existing and the membership the add answered, and promoted to a voter
  once it has caught up; a member leaving is removed, then stopped (on Kubernetes the StatefulSet
  is scaled around the membership change, and a leaving member's claim is deleted). Quorum and
  the disruption budget are judged over the members of each moment, and the links stay
  cuttable.

  Scenario: Grow from 3 to 5 members, cut the leader off, and shrink back while a client writes
    Given a 3-member etcd cluster
    And a disruption budget of 1 unavailable member
    And a client writing to "/orders" every 20 ms
    When the ensemble grows to 5 members
    Then the ensemble has 5 members
    And the ensemble has quorum within 30 seconds
    When the leader is isolated from the rest
    Then the ensemble has quorum within 30 seconds
    When the network heals
    And the ensemble shrinks to 3 members
    Then the ensemble has 3 members
    And the ensemble has quorum within 30 seconds
    And no acknowledged write is lost
    And the disruption budget is never exceeded
    And the disruption budget leaves a quorum at every size
