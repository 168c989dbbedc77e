@local @etcd
Feature: Paused etcd members and lost volumes
  A paused process keeps its sockets open but answers nothing; followers give up on a silent
  leader after the election timeout. A member whose disk is gone is replaced, as an operator
  (or the StatefulSet's init container) does: removed from the membership, added back under a
  new id, started empty with --initial-cluster-state existing, and caught up by the leader.

  Scenario: The etcd leader is paused for three seconds
    Given a 3-member etcd cluster
    And a disruption budget of 1 unavailable member
    And a client writing to "/orders" every 20 ms
    When the leader is paused for 3 seconds
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost
    And the disruption budget is never exceeded

  Scenario: An etcd follower loses its volume and is replaced
    Given a 3-member etcd cluster
    And a client writing to "/orders" every 20 ms
    When 6 seconds pass
    And member 0 loses its volume
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost
    And at most 2 members were unavailable at once

  Scenario: A rolling kill from the catalog keeps every acknowledged etcd write and the budget
    Given a 3-member etcd cluster
    And a disruption budget of 1 unavailable member
    And a client writing to "/orders" every 20 ms
    When the fault "rolling-kill" is injected
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost
    And the disruption budget is never exceeded
