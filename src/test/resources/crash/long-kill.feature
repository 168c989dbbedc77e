Feature: A scenario the harness is killed in the middle of

  Scenario: Member 0 is killed while the harness waits a minute
    Given a 3-member ZooKeeper ensemble
    And a client writing to "/orders" every 20 ms
    When member 0 is killed
    And 60 seconds pass
    Then the ensemble has quorum within 30 seconds
