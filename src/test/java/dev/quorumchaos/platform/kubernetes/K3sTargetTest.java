package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.service.zookeeper.ZooKeeperService;
import dev.quorumchaos.ChaosException;
import dev.quorumchaos.check.Outcome;
import dev.quorumchaos.check.budget.PdbChecks;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.ensemble.EnsembleView;
import dev.quorumchaos.fault.node.DrainNode;
import dev.quorumchaos.fault.node.TaintNode;
import dev.quorumchaos.fault.partition.PartitionShapes;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberState;
import dev.quorumchaos.settings.RunSettings;
import org.junit.jupiter.api.Test;

import org.testcontainers.containers.GenericContainer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real thing: a k3s server and agents in Docker, the official zookeeper image. Runs where a
 * Docker engine answers; elsewhere it is skipped with the reason, and the error a user would get
 * is checked instead.
 */
class K3sTargetTest {

    private static final String NO_DOCKER = "no Docker engine answers here: the k3s target needs one";
    /** Where a failure leaves the cluster's events, pods, nodes and member logs; CI uploads it. */
    static final Path DIAGNOSTICS = Path.of("target", "k3s-diagnostics");

    @Test
    void withoutDockerTheK3sTargetIsBadInputWithinSeconds() {
        assumeFalse(K3sTarget.dockerAvailable(), "a Docker engine answers here, so the k3s target works");
        long start = System.nanoTime();

        assertThatThrownBy(() -> K3sTarget.create(RunSettings.fromSystem()))
                .isInstanceOf(ChaosException.class)
                .matches(e -> ((ChaosException) e).badInput())
                .hasMessageStartingWith("no Docker engine answers: ")
                .hasMessageContaining("use --target local");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aServerAndThreeAgentsRunAnEnsembleThatSurvivesKillPartitionTaintAndABudgetedDrain() throws Exception {
        boolean docker = K3sTarget.dockerAvailable();
        if (!docker) {
            System.out.println("skipped: " + NO_DOCKER);
        }
        assumeTrue(docker, NO_DOCKER);
        History history = new History();
        try (K3sTarget target = K3sTarget.create(RunSettings.fromSystem());
             KubernetesEnsemble ensemble = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), history)) {
            try {
                survivesFaults(target, ensemble);
            } catch (AssertionError | Exception e) {
                // the cluster goes with the target: what CI uploads must be written now
                ensemble.saveLogs(DIAGNOSTICS);
                throw e;
            }
        }
    }

    private static void survivesFaults(K3sTarget target, KubernetesEnsemble ensemble) throws Exception {
        await("first quorum").atMost(Duration.ofMinutes(3)).until(() -> ensemble.view().hasQuorum());
        assertThat(Set.of(ensemble.nodeOf(0), ensemble.nodeOf(1), ensemble.nodeOf(2))).as("one member per node").hasSize(3);
        java.util.List<GenericContainer<?>> nodes = target.nodeContainers();
        assertThat(nodes).as("the server and one agent per member").hasSize(4);
        String serverNode = nodes.get(0).getContainerInfo().getConfig().getHostName();
        assertThat(target.client().nodes().withName(serverNode).get().getSpec().getTaints())
                .as("k3s registered its server tainted").anyMatch(t -> "node-role.kubernetes.io/control-plane".equals(t.getKey())
                        && "NoSchedule".equals(t.getEffect()));
        assertThat(Set.of(ensemble.nodeOf(0), ensemble.nodeOf(1), ensemble.nodeOf(2))).as("no member on the server")
                .doesNotContain(serverNode);
        assertThat(target.client().pods().inNamespace("kube-system").list().getItems())
                .as("k3s' add-ons tolerate the server's taint and run")
                .filteredOn(p -> p.getMetadata().getName().startsWith("coredns-"))
                .anyMatch(p -> "Running".equals(p.getStatus().getPhase()));
        for (GenericContainer<?> node : nodes) {
            // in a cgroup namespace of its own, k3s (PID 1) sees itself at the root, or in the init child it moved to
            assertThat(node.execInContainer("cat", "/proc/1/cgroup").getStdout().lines())
                    .as("cgroups of node %s", node.getContainerName()).allMatch(l -> l.endsWith(":/") || l.endsWith(":/init"));
        }
        for (GenericContainer<?> agent : nodes.subList(1, nodes.size())) {
            assertThat(agent.execInContainer("ctr", "-n", "k8s.io", "images", "ls", "-q").getStdout())
                    .as("images loaded into agent %s", agent.getContainerName())
                    .contains("docker.io/library/zookeeper:3.9", "docker.io/nicolaka/netshoot:v0.13");
        }
        assertThat(target.client().v1().events().inNamespace(ensemble.namespace()).list().getItems())
                .as("no node pulled a member's image itself").noneMatch(e -> "Pulling".equals(e.getReason()));
        int leader = ensemble.view().leader().orElseThrow();
        ensemble.members().kill(leader);
        await("new leader").atMost(Duration.ofMinutes(1)).until(() -> newLeader(ensemble.view(), leader));
        await("old leader back as follower").atMost(Duration.ofMinutes(3))
                .until(() -> ensemble.view().state(leader) == MemberState.FOLLOWER);

        int isolated = ensemble.view().leader().orElseThrow();
        KubernetesPartition partition = ensemble.partition(PartitionShapes.of(ensemble.view()).isolateLeader());
        partition.apply();
        try {
            await("majority elects another leader").atMost(Duration.ofMinutes(1))
                    .until(() -> newLeader(ensemble.view(), isolated));
        } finally {
            partition.recover();
        }
        await("healed").atMost(Duration.ofMinutes(1)).until(() -> ensemble.view().quorumMembers().size() == 3);

        // With one member paused (not Ready), the budget of 1 is spent: a drain must be refused.
        int paused = ensemble.view().followers().get(0);
        int drained = ensemble.view().leader().orElseThrow();
        ensemble.members().pause(paused);
        try {
            await("paused member unready").atMost(Duration.ofSeconds(30)).until(() ->
                    ensemble.disruptionBudget().observations().samples().stream().anyMatch(s -> s.count() == 1));
            DrainNode drain = ensemble.nodeFaults().drain(drained, Duration.ofSeconds(15));
            drain.apply();
            drain.recover();
            assertThat(drain.heldBack()).contains(ensemble.namespace() + "/" + ensemble.podName(drained));
        } finally {
            ensemble.members().resume(paused);
        }
        assertThat(PdbChecks.drainHeldBack(ensemble.disruptionBudget().observations()).outcome())
                .isEqualTo(Outcome.PASS);

        TaintNode taint = ensemble.nodeFaults().taint(paused, "chaos=true:NoExecute");
        taint.apply();
        await("tainted member evicted").atMost(Duration.ofMinutes(1)).until(() -> ensemble.members().starts(paused) >= 2
                || ensemble.view().state(paused) == MemberState.DOWN);
        taint.recover();
        await("quorum after the taint").atMost(Duration.ofMinutes(3)).until(() -> ensemble.view().hasQuorum());
    }

    /**
     * etcd through the same code: the official image, roles from its Maintenance Status streamed out
     * of each pod, a kill from the sidecar (the image has no shell) restarting the etcd container
     * in place, a cut from the sidecar, and etcd's own election after each.
     */
    @Test
    void anEtcdClusterOnThreeNodesElectsAfterAKillFromTheSidecarAndAPartition() throws Exception {
        boolean docker = K3sTarget.dockerAvailable();
        if (!docker) {
            System.out.println("skipped: " + NO_DOCKER);
        }
        assumeTrue(docker, NO_DOCKER);
        History history = new History();
        try (K3sTarget target = K3sTarget.create(RunSettings.fromSystem());
             KubernetesEnsemble ensemble = target.deploy(dev.quorumchaos.service.etcd.EtcdService.INSTANCE,
                     EnsembleSpec.of(3), history)) {
            try {
                await("first quorum").atMost(Duration.ofMinutes(3)).until(() -> ensemble.view().hasQuorum());
                int leader = ensemble.view().leader().orElseThrow();
                int before = ensemble.members().starts(leader);
                ensemble.members().kill(leader);
                await("new leader").atMost(Duration.ofMinutes(1)).until(() -> newLeader(ensemble.view(), leader));
                await("old leader back in place").atMost(Duration.ofMinutes(3))
                        .until(() -> ensemble.view().state(leader) == MemberState.FOLLOWER);
                assertThat(ensemble.members().starts(leader)).as("the etcd container restarted").isEqualTo(before + 1);

                int isolated = ensemble.view().leader().orElseThrow();
                KubernetesPartition partition = ensemble.partition(PartitionShapes.of(ensemble.view()).isolateLeader());
                partition.apply();
                try {
                    await("majority elects another leader").atMost(Duration.ofMinutes(1))
                            .until(() -> newLeader(ensemble.view(), isolated));
                } finally {
                    partition.recover();
                }
                await("healed").atMost(Duration.ofMinutes(1)).until(() -> ensemble.view().quorumMembers().size() == 3);
            } catch (AssertionError | Exception e) {
                ensemble.saveLogs(DIAGNOSTICS.resolve("etcd"));
                throw e;
            }
        }
    }

    /**
     * A lost node on k3s: the leader's agent container paused (every member's node is an agent,
     * so this is never skipped). The node goes NotReady, is tainted
     * unreachable, the member's pod is marked for deletion after the manifests' 30 s and stays
     * Terminating, unreplaced, while the others keep quorum; unpaused, the node is Ready again and
     * the member serves again.
     */
    @Test
    void aPausedAgentIsALostNodeWhosePodStaysTerminatingUntilItIsUnpaused() throws Exception {
        boolean docker = K3sTarget.dockerAvailable();
        if (!docker) {
            System.out.println("skipped: " + NO_DOCKER);
        }
        assumeTrue(docker, NO_DOCKER);
        History history = new History();
        java.util.List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (K3sTarget target = K3sTarget.create(RunSettings.fromSystem());
             KubernetesEnsemble ensemble = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), history)) {
            try {
                await("first quorum").atMost(Duration.ofMinutes(3)).until(() -> ensemble.view().hasQuorum());
                for (int i = 0; i < 3; i++) {
                    assertThat(target.cannotLose(ensemble.nodeOf(i))).as("member %d's node may be lost", i).isEmpty();
                }
                int member = ensemble.view().leader().orElseThrow();
                String node = ensemble.nodeOf(member);
                String uid = target.client().pods().inNamespace(ensemble.namespace()).withName(ensemble.podName(member))
                        .get().getMetadata().getUid();
                dev.quorumchaos.fault.nodeloss.NodeLoss loss = new dev.quorumchaos.fault.nodeloss.NodeLoss(ensemble, target,
                        history, said::add, node, member, null, Duration.ofSeconds(1));
                loss.apply();
                try {
                    await("member's pod marked for deletion").atMost(Duration.ofMinutes(3)).until(() -> target.client().pods()
                            .inNamespace(ensemble.namespace()).withName(ensemble.podName(member)).get()
                            .getMetadata().getDeletionTimestamp() != null);
                    await("still the old pod, Terminating").during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(20))
                            .until(() -> uid.equals(target.client().pods().inNamespace(ensemble.namespace())
                                    .withName(ensemble.podName(member)).get().getMetadata().getUid()));
                    await("the two others elect a leader").atMost(Duration.ofMinutes(1))
                            .until(() -> newLeader(ensemble.view(), member));
                    assertThat(String.join("\n", said)).contains("node " + node + " NotReady")
                            .contains("tainted node.kubernetes.io/unreachable:NoExecute");
                } finally {
                    loss.recover();
                }
                await("the member serves again").atMost(Duration.ofMinutes(3))
                        .until(() -> ensemble.view().quorumMembers().size() == 3);
            } catch (AssertionError | Exception e) {
                ensemble.saveLogs(DIAGNOSTICS.resolve("node-loss"));
                throw e;
            }
        }
    }

    private static boolean newLeader(EnsembleView view, int old) {
        return view.hasQuorum() && view.leader().orElse(old) != old;
    }
}
