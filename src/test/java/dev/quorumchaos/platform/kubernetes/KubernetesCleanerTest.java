package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.fault.node.EvictionLog;
import dev.quorumchaos.fault.node.NodeAnnotations;
import dev.quorumchaos.fault.node.NodeFaults;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs left on one cluster by this machine (one crashed, one live), by another machine (live,
 * for all this machine knows) and by a harness too old to name its machine; each changed a node.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class KubernetesCleanerTest {

    KubernetesClient client;

    @TempDir
    Path workDir;

    private MachineId here;
    private static final MachineId CI_RUNNER = new MachineId("c1c1c1c1");

    private String crashedHere;
    private String liveHere;
    private String liveOnCi;
    private static final String OLD = "chaos-20200101-000000-abcd";

    private static String runId(MachineId machine, String rest) {
        return "chaos-" + machine + "-" + rest;
    }

    private void run(String id, RunOwner owner) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(id).addToLabels(RunLabels.RUN, id)
                .addToAnnotations(RunLabels.OWNER, owner.annotation()).endMetadata().build()).create();
    }

    private void node(String name) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .withTaints(new TaintBuilder().withKey("own").withEffect("NoSchedule").build()).endSpec().build()).create();
    }

    private void taint(String run, String node) {
        new NodeFaults(client, run, m -> node, EvictionLog.none()).taint(0, "chaos=true:NoExecute").apply();
    }

    @BeforeEach
    void runsLeftBehindAndTheNodesTheyChanged() {
        here = MachineId.in(workDir);
        crashedHere = runId(here, "20260101-000000-0001");
        liveHere = runId(here, "20260101-000000-0002");
        liveOnCi = runId(CI_RUNNER, "20260101-000000-0003");
        run(crashedHere, new RunOwner(here.value(), 999_999_999L, "2020-01-01T00:00:00Z"));
        run(liveHere, RunOwner.current(here));
        run(liveOnCi, new RunOwner(CI_RUNNER.value(), 42, "2026-01-01T00:00:00Z"));
        run(OLD, new RunOwner("old-laptop", 42, "2020-01-01T00:00:00Z"));
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("users-own").endMetadata().build()).create();
        for (String node : new String[] {"node-crashed", "node-live", "node-ci", "node-old"}) {
            node(node);
        }
        taint(crashedHere, "node-crashed");
        new NodeFaults(client, crashedHere, m -> "node-crashed", EvictionLog.none()).cordon(0).apply();
        taint(liveHere, "node-live");
        taint(liveOnCi, "node-ci");
        taint(OLD, "node-old");
    }

    private boolean exists(String namespace) {
        return client.namespaces().withName(namespace).get() != null;
    }

    private boolean restored(String node) {
        Node n = client.nodes().withName(node).get();
        return n.getSpec().getTaints().stream().map(Taint::getKey).toList().equals(java.util.List.of("own"))
                && NodeAnnotations.RESTORABLE.stream().noneMatch(n.getMetadata().getAnnotations()::containsKey);
    }

    @Test
    void byDefaultOnlyThisMachinesCrashedRunIsCleanedAndAnotherMachinesLiveRunIsLeftAlone() {
        KubernetesCleaner.Report report = new KubernetesCleaner(client, here).cleanAbandoned();

        assertThat(exists(crashedHere)).isFalse();
        assertThat(restored("node-crashed")).isTrue();
        assertThat(client.nodes().withName("node-crashed").get().getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
        assertThat(exists(liveOnCi)).as("the CI runner's run goes on").isTrue();
        assertThat(restored("node-ci")).as("the CI runner's taint stays").isFalse();
        assertThat(exists(liveHere)).isTrue();
        assertThat(restored("node-live")).isFalse();
        assertThat(exists(OLD)).isTrue();
        assertThat(restored("node-old")).isFalse();
        assertThat(exists("users-own")).isTrue();
        assertThat(report.done()).containsExactly(
                "delete namespace " + crashedHere + " (started from this machine by process 999999999, which is gone)",
                "put back the taints of node node-crashed (changed by run " + crashedHere + ") as recorded in "
                        + NodeAnnotations.ADDED_TAINTS + "=[{\"added\":{\"effect\":\"NoExecute\",\"key\":\"chaos\",\"value\":\"true\"},\"replaced\":null}]; taints now: "
                        + "[{\"effect\":\"NoSchedule\",\"key\":\"own\"},{\"effect\":\"NoExecute\",\"key\":\"chaos\",\"value\":\"true\"}]",
                "put back node node-crashed as schedulable (changed by run " + crashedHere + ")");
        assertThat(report.spared()).contains(
                "namespace " + liveOnCi + " (started from machine c1c1c1c1, not this one (" + here + ")); --all-runs removes it",
                "node node-ci (changed by run " + liveOnCi + "); --all-runs removes it",
                "namespace " + OLD + " (started from machine old-laptop, not this one (" + here + ")); --all-runs removes it",
                "node node-live (changed by run " + liveHere + ", still running here)");
        assertThat(report.failed()).isEmpty();
    }

    @Test
    void allRunsCleansOtherMachinesRunsTooButNeverALiveRunOfThisMachine() {
        KubernetesCleaner cleaner = new KubernetesCleaner(client, here);
        KubernetesCleaner.Report report = cleaner.execute(cleaner.plan(true));

        assertThat(exists(crashedHere)).isFalse();
        assertThat(exists(liveOnCi)).isFalse();
        assertThat(exists(OLD)).isFalse();
        assertThat(restored("node-ci")).isTrue();
        assertThat(restored("node-old")).isTrue();
        assertThat(exists(liveHere)).isTrue();
        assertThat(restored("node-live")).isFalse();
        assertThat(report.spared()).containsExactlyInAnyOrder(
                "namespace " + liveHere + " (its harness, process " + ProcessHandle.current().pid()
                        + " on this machine, is still running)",
                "node node-live (changed by run " + liveHere + ", still running here)");
    }

    @Test
    void aPlanChangesNothingAndAnEndedRunsNodeIsKnownByTheMachineInItsId() {
        client.namespaces().withName(crashedHere).delete();
        client.namespaces().withName(liveOnCi).delete();

        KubernetesCleaner.Plan plan = new KubernetesCleaner(client, here).plan(false);

        assertThat(plan.actions()).extracting(KubernetesCleaner.Action::description)
                .anyMatch(d -> d.startsWith("put back the taints of node node-crashed"))
                .noneMatch(d -> d.contains("node-ci"));
        assertThat(plan.spared()).contains("node node-ci (changed by run " + liveOnCi + "); --all-runs removes it");
        assertThat(restored("node-crashed")).as("planning changed nothing").isFalse();
    }

    @Test
    void theMachineIdIsMadeOnceAndKeptInTheWorkDirectory() {
        assertThat(here.value()).matches("[0-9a-f]{8}");
        assertThat(MachineId.in(workDir)).isEqualTo(here);
        assertThat(workDir.resolve(MachineId.FILE)).exists();
        assertThat(RunOwner.machineOfRun(crashedHere)).contains(here.value());
        assertThat(RunOwner.machineOfRun(OLD)).isEmpty();
    }
}
