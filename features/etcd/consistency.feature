@local @etcd
Feature: etcd's guarantees hold under faults
  etcd promises linearizable reads and writes by default (a read goes through the leader's read
  index). Clients contend on a few registers with compare-and-set on mod_revision while members
  die; the recorded history is then checked against that promise, reads included.

  Scenario: Compare-and-set and reads stay linearizable when the etcd leader is killed
    Given a 3-member etcd cluster
    And 4 clients doing compare-and-set on "/registers"
    And a client writing to "/orders" every 20 ms
    When 2 seconds pass
    And the leader is killed
    And 3 seconds pass
    Then the ensemble has quorum within 30 seconds
    And the writes were linearizable
    And no client saw time go backwards
    And no acknowledged write is lost

  Scenario: Reads stay linearizable while the etcd leader is frozen
    Given a 3-member etcd cluster
    And 4 clients doing compare-and-set on "/registers"
    When the leader is paused for 3 seconds
    And 4 seconds pass
    Then the writes were linearizable
    And no client saw time go backwards
