Feature: A run that takes a while, for another run to meet

  Scenario: A client writes for fifteen seconds
    Given a 3-member ZooKeeper ensemble
    And a client writing to "/orders" every 20 ms
    When 15 seconds pass
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost
