@local @kubernetes
Feature: Network partitions
  A partition drops the bytes of links that are already established, as iptables DROP would:
  ZooKeeper's quorum links are long-lived, and a cut that only refuses new connections tests
  nothing. The majority must elect a leader and keep serving; the cut-off side must serve no
  write; after healing, nothing acknowledged is missing anywhere.

  Scenario: The leader is isolated from a 3-member ensemble
    Given a 3-member ZooKeeper ensemble
    And a client writing to "/orders" every 20 ms
    When the leader is isolated from the rest
    Then the ensemble has quorum within 30 seconds
    And the minority serves no writes
    When the network heals
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost

  Scenario: A 5-member ensemble split with the leader in the minority
    Given a 5-member ZooKeeper ensemble
    And a client writing to "/orders" every 20 ms
    And 3 clients doing compare-and-set on "/registers"
    When the ensemble is split into a majority and a minority
    Then the ensemble has quorum within 30 seconds
    And the minority serves no writes
    When the network heals
    And 2 seconds pass
    Then no acknowledged write is lost
    And the writes were linearizable
    And no client saw time go backwards

  Scenario: A bridge keeps one majority serving
    Given a 5-member ZooKeeper ensemble
    And a client writing to "/orders" every 20 ms
    When the ensemble is split into two halves bridged by one member
    Then the ensemble has quorum within 30 seconds
    When the network heals
    Then no acknowledged write is lost

  Scenario: A one-way cut and slow links
    Given a 3-member ZooKeeper ensemble
    And a client writing to "/orders" every 20 ms
    When member 0 stops hearing member 1
    And the links of member 2 are slowed by 100 ms
    And 3 seconds pass
    And the network heals
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost
