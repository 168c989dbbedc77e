@local @etcd
Feature: Rolling restart of an etcd cluster
  The same rolling restart as for ZooKeeper: each member stopped gracefully (SIGTERM) and started
  again, the next one only once the whole cluster serves.

  Scenario: An etcd cluster restarted one member at a time while a client writes
    Given a 3-member etcd cluster
    And a disruption budget of 1 unavailable member
    And a client writing to "/orders" every 20 ms
    When the cluster is restarted one member at a time, followers first and the leader last
    Then the ensemble has quorum within 30 seconds
    And no acknowledged write is lost
    And the disruption budget is never exceeded
