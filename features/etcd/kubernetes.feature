@kubernetes @etcd
Feature: etcd on Kubernetes
  etcd on its official image as a StatefulSet (harness/kubernetes/etcd/), faulted as a cluster
  and its operators fault it: a pod deleted in maintenance, a node tainted or drained. The
  disruption budget must hold the drain back, and nothing acknowledged may be lost. On the local
  target there are no pods and no nodes: these scenarios are reported skipped, with the reason.

  Scenario: The etcd leader's pod is deleted while a client writes
    Given a 3-member etcd cluster
    And a disruption budget of 1 unavailable member
    And a client writing to "/orders" every 20 ms
    When the leader's pod is deleted
    Then the ensemble has quorum within 60 seconds
    And no acknowledged write is lost
    And the disruption budget is never exceeded

  Scenario: A NoExecute taint on the etcd leader's node evicts the leader until the node is untainted
    Given a 3-member etcd cluster
    And a disruption budget of 1 unavailable member
    When the node hosting the leader is tainted "chaos=true:NoExecute" for 30 seconds
    Then the ensemble has quorum within 60 seconds
    And the disruption budget is never exceeded

  Scenario: A drain of an etcd member's node is held back by the disruption budget
    Given a 3-member etcd cluster
    And a disruption budget of 1 unavailable member
    When member 0 is killed
    And the node hosting member 1 is drained with "--delete-emptydir-data"
    Then the drain was held back by the disruption budget
    When the node hosting member 1 is uncordoned
    Then the disruption budget is never exceeded
