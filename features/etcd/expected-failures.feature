@expected-to-fail @local @etcd
Feature: etcd scenarios that must fail
  Each scenario here breaks what one check guards, so the test suite can prove that check says
  FAIL on etcd too. They are left out of the default run; run them with --tags @expected-to-fail.

  Scenario: Killing two etcd followers of three breaks a budget of one
    Given a 3-member etcd cluster
    And a disruption budget of 1 unavailable member
    When 2 followers are killed
    Then the disruption budget is never exceeded

  Scenario: A killed etcd leader means quorum is not kept
    Given a 3-member etcd cluster
    When the leader is killed
    Then the ensemble keeps quorum

  Scenario: Two dead etcd followers of three leave no quorum within one second
    Given a 3-member etcd cluster
    When 2 followers are killed
    Then the ensemble has quorum within 1 seconds

  # A correct operator (and the StatefulSet's init container) replaces a member that lost its data
  # by removing and adding it, which needs a quorum: the wiped majority stays out, and the cluster
  # loses availability, not acknowledged writes (ZooKeeper's wiped members rejoin empty instead).
  Scenario: An etcd majority losing its volumes while the only full copy is cut off cannot rejoin
    Given a 3-member etcd cluster
    And a client writing to "/orders" every 20 ms
    When 2 seconds pass
    And member 2 is isolated from the rest
    And member 0 loses its volume
    And member 1 loses its volume
    Then the ensemble has quorum within 5 seconds

  Scenario: A 3-member etcd cluster is not the 4 members asked for
    Given a 3-member etcd cluster
    Then the ensemble has 4 members
