@local @kubernetes
Feature: Growing and shrinking the ensemble under load
  ZooKeeper changes its membership while it serves, by dynamic reconfiguration: a new member
  starts with the committed server list plus itself and is added by 'reconfig -add'; a member
  leaving is taken out by 'reconfig -remove', then stopped (on Kubernetes the StatefulSet is
  scaled around the reconfig, and a leaving member's claim is deleted). Quorum and the
  disruption budget are judged over the members of each moment, and the links stay cuttable
  after every reconfig.
  With equally long logs ZooKeeper's election picks the highest id, so once the leader is cut off
  member 4 usually leads, and the shrink removes the leader first: the progress output and the
  timeline say so.

  Scenario: Grow from 3 to 5 members, cut the leader off, and shrink back while a client writes
    Given a 3-member ZooKeeper ensemble
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
