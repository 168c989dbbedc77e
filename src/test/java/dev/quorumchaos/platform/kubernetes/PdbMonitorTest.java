package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.check.Outcome;
import dev.quorumchaos.check.budget.BudgetLimit;
import dev.quorumchaos.check.budget.BudgetObservations;
import dev.quorumchaos.check.budget.PdbChecks;
import dev.quorumchaos.check.budget.UnreadyPods;
import dev.quorumchaos.fault.node.EvictionAttempt;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.quorumchaos.check.PublishedEvidence.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class PdbMonitorTest {

    private static final Map<String, String> SELECTOR = Map.of("app.kubernetes.io/name", "zookeeper");

    KubernetesClient client;

    private void member(String name, boolean ready) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("run").withLabels(SELECTOR).endMetadata()
                .withNewSpec().addNewContainer().withName("zookeeper").endContainer().endSpec()
                .withNewStatus().withPhase("Running")
                .addNewContainerStatus().withName("zookeeper").withNewState().withNewRunning().endRunning().endState()
                .endContainerStatus()
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus()
                .build();
        client.pods().inNamespace("run").resource(pod).createOr(existing -> existing.update());
    }

    private void budgetStatus(int allowed, int healthy) {
        client.policy().v1().podDisruptionBudget().inNamespace("run").resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("zk-pdb").withNamespace("run").endMetadata()
                .withNewSpec().withNewMaxUnavailable(1).endSpec()
                .withNewStatus().withDisruptionsAllowed(allowed).withCurrentHealthy(healthy).withDesiredHealthy(2)
                .withExpectedPods(3).endStatus().build()).createOr(existing -> existing.update());
    }

    private PdbMonitor monitor() {
        PdbMonitor monitor = new PdbMonitor(client, "run", "zk-pdb", SELECTOR, List.of("zk-0", "zk-1", "zk-2"), 1);
        monitor.start();
        return monitor;
    }

    @Test
    void recordsEachChangeOfUnavailableMembersAndTheBudgetsStatus() {
        member("zk-0", true);
        member("zk-1", true);
        member("zk-2", true);
        budgetStatus(1, 3);
        try (PdbMonitor monitor = monitor()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> last(monitor.observations()).count() == 0);

            member("zk-1", false);
            await().atMost(Duration.ofSeconds(10)).until(() -> last(monitor.observations()).pods().equals(List.of("zk-1")));
            budgetStatus(0, 2);
            client.pods().inNamespace("run").withName("zk-2").delete();
            await().atMost(Duration.ofSeconds(10)).until(() -> last(monitor.observations()).count() == 2);
            member("zk-2", true);
            member("zk-1", true);
            await().atMost(Duration.ofSeconds(10)).until(() -> last(monitor.observations()).count() == 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> monitor.observations().statuses().size() == 2);

            BudgetObservations seen = monitor.observations();
            assertThat(seen.peak()).get().extracting(UnreadyPods::pods).isEqualTo(List.of("zk-1", "zk-2"));
            assertThat(seen.statuses()).extracting(s -> s.disruptionsAllowed()).containsExactly(1, 0);

            var verdict = PdbChecks.compliance(seen);
            assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(verdict.summary()).contains("2 members were unavailable at once (zk-1, zk-2");
            assertThat(published(verdict)).containsEntry("maxUnavailable", 1).containsEntry("mostUnavailableAtOnce", 2);
        }
    }

    @Test
    void refusedEvictionsOfMembersAreTheEvidenceThatTheDrainWasHeldBack() {
        member("zk-0", true);
        member("zk-1", true);
        member("zk-2", true);
        try (PdbMonitor monitor = monitor()) {
            member("zk-1", false);
            await().atMost(Duration.ofSeconds(10)).until(() -> last(monitor.observations()).count() == 1);
            Instant t = Instant.now();
            monitor.attempted(new EvictionAttempt(t, "kube-system", "coredns-1", "node-a", EvictionAttempt.Result.EVICTED, null));
            monitor.attempted(new EvictionAttempt(t, "run", "zk-0", "node-a", EvictionAttempt.Result.REFUSED, "429: no"));
            monitor.attempted(new EvictionAttempt(t.plusSeconds(1), "run", "zk-0", "node-a", EvictionAttempt.Result.REFUSED, "429: no"));

            var verdict = PdbChecks.drainHeldBack(monitor.observations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
            assertThat(verdict.summary()).contains("refused 2 eviction(s)");
            assertThat((List<?>) published(verdict).get("refusals")).hasSize(2);
            assertThat(PdbChecks.compliance(monitor.observations()).outcome()).isEqualTo(Outcome.PASS);
        }
    }

    @Test
    void followsBudgetChangesMadeAfterDeployAsTheDisruptionControllerReadsThem() {
        member("zk-0", true);
        member("zk-1", true);
        member("zk-2", true);
        budgetStatus(1, 3);
        try (PdbMonitor monitor = monitor()) {
            client.policy().v1().podDisruptionBudget().inNamespace("run").withName("zk-pdb").edit(b -> {
                b.getSpec().setMaxUnavailable(new IntOrString(2));
                return b;
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> monitor.observations().maxUnavailable() == 2);
            client.policy().v1().podDisruptionBudget().inNamespace("run").withName("zk-pdb").edit(b -> {
                b.getSpec().setMaxUnavailable(new IntOrString("30%"));
                return b;
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> monitor.observations().limits().size() == 3);
            client.policy().v1().podDisruptionBudget().inNamespace("run").withName("zk-pdb").edit(b -> {
                b.getSpec().setMaxUnavailable(null);
                b.getSpec().setMinAvailable(new IntOrString(3));
                return b;
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> monitor.observations().maxUnavailable() == 0);

            assertThat(monitor.observations().limits()).extracting(BudgetLimit::maxUnavailable).containsExactly(1, 2, 1, 0);
            member("zk-1", false);
            await().atMost(Duration.ofSeconds(10)).until(() -> last(monitor.observations()).count() == 1);
            assertThat(PdbChecks.compliance(monitor.observations()).summary()).contains("more than maxUnavailable 0");
        }
    }

    private static UnreadyPods last(BudgetObservations o) {
        return o.samples().get(o.samples().size() - 1);
    }
}
