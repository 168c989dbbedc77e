@kubernetes
Feature: Losing a node
  The node hosting a member is lost: its kubelet stops (on k3s its agent container is paused; on a
  kubeconfig cluster only with --allow-node-loss, through --node-loss-command). The progress
  output, the timeline and the report show what Kubernetes does about it: the node goes NotReady
  after the node controller's grace period, it is tainted node.kubernetes.io/unreachable:NoExecute,
  and after the pods' tolerationSeconds (30 s in the shipped manifests, 300 s by default) the
  member's pod is marked for deletion but stays Terminating: the kubelet that would confirm it is
  gone, and the StatefulSet does not replace it. On k3s every member runs on an agent (the server's
  node is tainted for the control plane alone), so the leader's node can always be lost. On the
  local target there are no nodes: these scenarios are reported skipped, with the reason.

  Scenario: The leader's node is lost; its pod stays Terminating and is not replaced until the node comes back
    Given a 3-member ZooKeeper ensemble
    And a disruption budget of 1 unavailable member
    And a client writing to "/orders" every 20 ms
    When the node hosting the leader is lost
    Then the ensemble has quorum within 60 seconds
    When 100 seconds pass
    And the node comes back
    Then no acknowledged write is lost
    And the disruption budget is never exceeded

  Scenario: An operator force-deletes the pod stuck on a lost node
    Given a 3-member ZooKeeper ensemble
    And a disruption budget of 1 unavailable member
    And a client writing to "/orders" every 20 ms
    When the node hosting member 1 is lost
    And stuck pods are force-deleted after 90 seconds
    Then the ensemble has quorum within 60 seconds
    When 120 seconds pass
    And the node comes back
    Then no acknowledged write is lost
    And the disruption budget is never exceeded
