package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.service.zookeeper.ZooKeeperService;
import dev.quorumchaos.check.Outcome;
import dev.quorumchaos.check.Verdict;
import dev.quorumchaos.check.budget.PdbChecks;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.history.History;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static dev.quorumchaos.check.PublishedEvidence.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Defect 2 of issue 13: pods start not Ready on a real cluster, so a budget counted from deploy
 * saw every member unavailable at once and failed every drain scenario.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class BudgetFromReadinessTest {

    KubernetesClient client;

    private FakeStatefulSetController cluster;

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    private KubernetesEnsemble deploy() {
        cluster = new FakeStatefulSetController(client, List.of("node-a", "node-b", "node-c"));
        return KubernetesTarget.using(client, "mock").withDefaults(DeployOptions.defaults()
                .withStartTimeout(Duration.ofSeconds(20))).deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History());
    }

    private boolean allReady(KubernetesEnsemble ensemble) {
        return client.pods().inNamespace(ensemble.namespace()).list().getItems().stream().filter(MemberPods::ready).count() == 3;
    }

    @Test
    void membersStartingNotReadyAreNotABreachOfTheBudget() {
        try (KubernetesEnsemble ensemble = deploy()) {
            await("every member Ready").atMost(Duration.ofSeconds(20)).until(() -> allReady(ensemble));

            Verdict verdict = PdbChecks.compliance(ensemble.disruptionBudget().observations());

            assertThat(verdict.outcome()).as(verdict.summary()).isEqualTo(Outcome.PASS);
            assertThat(published(verdict)).containsEntry("mostUnavailableAtOnce", 0);
        }
    }

    @Test
    void aBreachAfterEveryMemberWasReadyStillFails() {
        try (KubernetesEnsemble ensemble = deploy()) {
            await("every member Ready").atMost(Duration.ofSeconds(20)).until(() -> allReady(ensemble));

            cluster.crash(ensemble.namespace(), "zk-0");
            cluster.crash(ensemble.namespace(), "zk-1");
            await("two members crashed").atMost(Duration.ofSeconds(10)).until(() ->
                    ensemble.disruptionBudget().observations().counted().stream().anyMatch(s -> s.count() == 2));

            Verdict verdict = PdbChecks.compliance(ensemble.disruptionBudget().observations());
            assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(verdict.summary()).contains("2 members were unavailable at once (zk-0, zk-1");
            Pod zk0 = client.pods().inNamespace(ensemble.namespace()).withName("zk-0").get();
            await("zk-0 restarted in place").atMost(Duration.ofSeconds(10)).until(() -> client.pods()
                    .inNamespace(ensemble.namespace()).withName("zk-0").get().getStatus().getContainerStatuses().stream()
                    .anyMatch(s -> s.getRestartCount() == 1));
            assertThat(client.pods().inNamespace(ensemble.namespace()).withName("zk-0").get().getMetadata().getUid())
                    .isEqualTo(zk0.getMetadata().getUid());
        }
    }
}
