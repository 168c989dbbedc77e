@local @kubernetes
Feature: Paused members
  A paused process keeps its sockets open but answers nothing, like a JVM in a long GC pause or
  a VM frozen by its host. Followers give up on a silent leader after syncLimit x tickTime.

  Scenario: The leader is paused for five seconds
    Given a 3-member ZooKeeper ensemble
    And a disruption budget of 1 unavailable member
    And a client writing to "/orders" every 20 ms
    When the leader is paused for 5 seconds
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost
    And the disruption budget is never exceeded
