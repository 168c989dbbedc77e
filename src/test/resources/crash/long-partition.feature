Feature: A scenario the harness is killed in the middle of

  Scenario: The leader stays isolated for a minute
    Given a 3-member ZooKeeper ensemble
    And a client writing to "/orders" every 20 ms
    When the leader is isolated from the rest
    And 60 seconds pass
    Then the ensemble has quorum within 30 seconds
