@local @kubernetes
Feature: Lost volumes
  A member whose disk is gone comes back empty and must catch up from the others.

  Scenario: A follower loses its volume and catches up
    Given a 3-member ZooKeeper ensemble
    And a client writing to "/orders" every 20 ms
    When 2 seconds pass
    And member 0 loses its volume
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost
