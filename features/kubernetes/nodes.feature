@kubernetes
Feature: Node faults
  Taints, cordons and drains act on the nodes that host members. On the local target there are
  no nodes: these scenarios are reported skipped, with the reason.

  Scenario: A NoExecute taint on the leader's node evicts the leader
    Given a 3-member ZooKeeper ensemble
    And a disruption budget of 1 unavailable member
    And a client writing to "/orders" every 20 ms
    When the node hosting the leader is tainted "chaos=true:NoExecute"
    Then the ensemble has quorum within 60 seconds
    And no acknowledged write is lost
    And the disruption budget is never exceeded

  Scenario: A drain is held back by the disruption budget
    Given a 3-member ZooKeeper ensemble
    And a disruption budget of 1 unavailable member
    When member 0 is killed
    And the node hosting member 1 is drained
    Then the drain was held back by the disruption budget
    And the disruption budget is never exceeded
