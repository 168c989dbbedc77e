Feature: A scenario the harness is killed in the middle of

  Scenario: The leader stays paused for a minute
    Given a 3-member ZooKeeper ensemble
    And a client writing to "/orders" every 20 ms
    When the leader is paused for 60 seconds
    And 60 seconds pass
    Then the ensemble has quorum within 30 seconds
