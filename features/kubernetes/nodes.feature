@kubernetes
Feature: Node faults
  Taints, cordons and drains act on the nodes that host members. On the local target there are
  no nodes: these scenarios are reported skipped, with the reason.

  With one member per node and each member's volume on its node, a member evicted from its node
  can only come back there: it stays Pending, and the scheduler says why, until the node is
  usable again. So these faults end before the checks read the members, as maintenance ends.

  Scenario: A NoExecute taint on the leader's node evicts the leader until the node is untainted
    Given a 3-member ZooKeeper ensemble
    And a disruption budget of 1 unavailable member
    And a client writing to "/orders" every 20 ms
    When the node hosting the leader is tainted "chaos=true:NoExecute" for 30 seconds
    Then the ensemble has quorum within 60 seconds
    And no acknowledged write is lost
    And the disruption budget is never exceeded

  Scenario: A drain is held back by the disruption budget
    Given a 3-member ZooKeeper ensemble
    And a disruption budget of 1 unavailable member
    When member 0 is killed
    And the node hosting member 1 is drained with "--delete-emptydir-data"
    Then the drain was held back by the disruption budget
    When the node hosting member 1 is uncordoned
    Then the disruption budget is never exceeded
