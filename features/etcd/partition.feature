@local @etcd
Feature: etcd under network partitions
  etcd's peers reach each other through one inbound proxy per member, which tells each
  connection's sender from rafthttp's headers, so established links are cut per direction as
  ZooKeeper's are. The majority must elect a leader and keep serving; the cut-off side must serve
  no write; after healing, nothing acknowledged is missing anywhere.

  Scenario: The etcd leader is isolated from a 3-member cluster
    Given a 3-member etcd cluster
    And a client writing to "/orders" every 20 ms
    When the leader is isolated from the rest
    Then the ensemble has quorum within 30 seconds
    And the minority serves no writes
    When the network heals
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost

  Scenario: A 5-member etcd cluster split with the leader in the minority
    Given a 5-member etcd cluster
    And a client writing to "/orders" every 20 ms
    And 3 clients doing compare-and-set on "/registers"
    When the ensemble is split into a majority and a minority
    Then the ensemble has quorum within 30 seconds
    And the minority serves no writes
    When the network heals
    And 2 seconds pass
    Then no acknowledged write is lost
    And the writes were linearizable

  Scenario: A bridge, a one-way cut and slow links on etcd
    Given a 5-member etcd cluster
    And a client writing to "/orders" every 20 ms
    When the ensemble is split into two halves bridged by one member
    Then the ensemble has quorum within 30 seconds
    When the network heals
    And member 0 stops hearing member 1
    And the links of member 2 are slowed by 100 ms
    And 2 seconds pass
    And the network heals
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost
