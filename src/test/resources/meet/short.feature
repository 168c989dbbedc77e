Feature: A short run

  Scenario: An ensemble reaches quorum
    Given a 3-member ZooKeeper ensemble
    When 3 seconds pass
    Then the ensemble has quorum within 30 seconds
