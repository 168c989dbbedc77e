@local @kubernetes
Feature: ZooKeeper's guarantees hold under faults
  ZooKeeper promises linearizable writes, FIFO order per client and reads that never go back in
  time within a session. Clients contend on a few registers with compare-and-set while members
  die; the recorded history is then checked against those promises.

  Scenario: Compare-and-set stays linearizable when the leader is killed
    Given a 3-member ZooKeeper ensemble
    And 4 clients doing compare-and-set on "/registers"
    And a client writing to "/orders" every 20 ms
    When 2 seconds pass
    And the leader is killed
    And 3 seconds pass
    Then the ensemble has quorum within 30 seconds
    And the writes were linearizable
    And no client saw time go backwards
    And no acknowledged write is lost

  Scenario: Reads never go back in time while the leader is frozen
    Given a 3-member ZooKeeper ensemble
    And 4 clients doing compare-and-set on "/registers"
    When the leader is paused for 4 seconds
    And 5 seconds pass
    Then the writes were linearizable
    And no client saw time go backwards
