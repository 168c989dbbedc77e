package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.service.zookeeper.ZooKeeperService;
import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.fault.node.EvictionLog;
import dev.quorumchaos.fault.node.NodeFaults;
import dev.quorumchaos.history.History;
import dev.quorumchaos.settings.RunSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The verbs the harness uses, declared once in {@link RequiredAccess}, against the three places
 * that must agree with it: the ClusterRole users apply, the requests the code really sends, and
 * what the pre-flight asks the API server.
 */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class RequiredAccessTest {

    private static final String UNDER_TEST = "quorum-chaos-under-test";
    private static final Path RBAC = Path.of("harness", "kubernetes", "rbac.yaml");

    KubernetesClient client;
    KubernetesMockServer server;

    @TempDir
    Path dir;

    /** Every verb on every resource a ClusterRole grants, wildcards refused: a wildcard is no declaration. */
    static Set<RequiredAccess.Check> granted(ClusterRole role) {
        Set<RequiredAccess.Check> granted = new LinkedHashSet<>();
        for (PolicyRule rule : role.getRules()) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        if (group.equals("*") || resource.contains("*") || verb.equals("*")) {
                            throw new IllegalArgumentException("a wildcard in " + rule + " grants more than the harness declares");
                        }
                        granted.add(RequiredAccess.Check.of(group, resource, verb));
                    }
                }
            }
        }
        return granted;
    }

    /** What {@code declared} needs that {@code granted} lacks, and what it grants beyond it. */
    static List<String> differences(List<RequiredAccess.Check> declared, Set<RequiredAccess.Check> granted) {
        List<String> differences = new ArrayList<>();
        declared.stream().filter(c -> !granted.contains(c)).forEach(c -> differences.add("not granted: " + c));
        granted.stream().filter(c -> !declared.contains(c)).forEach(c -> differences.add("granted but not declared: " + c));
        return differences;
    }

    private ClusterRole shippedRole() throws IOException {
        try (var in = Files.newInputStream(RBAC)) {
            List<HasMetadata> objects = client.load(in).items();
            return objects.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast).findFirst()
                    .orElseThrow(() -> new AssertionError(RBAC + " has no ClusterRole"));
        }
    }

    @Test
    void theShippedClusterRoleGrantsExactlyWhatTheCodeDeclares() throws IOException {
        assertThat(differences(RequiredAccess.all(), granted(shippedRole()))).isEmpty();
    }

    @Test
    void aRoleWithoutThePatchOfTheBudgetOrTheLogsOfPodsFallsShort() throws IOException {
        ClusterRole role = shippedRole();
        for (PolicyRule rule : role.getRules()) {
            if (rule.getResources().contains("poddisruptionbudgets")) {
                rule.setVerbs(rule.getVerbs().stream().filter(v -> !v.equals("patch")).toList());
            }
        }
        role.getRules().removeIf(r -> r.getResources().equals(List.of("pods/log")));
        role.getRules().get(0).getVerbs().add("update");

        assertThat(differences(RequiredAccess.all(), granted(role))).containsExactly(
                "not granted: get pods/log",
                "not granted: patch poddisruptionbudgets.policy",
                "granted but not declared: update namespaces");
    }

    @Test
    void requestsAreReadAsTheApiServerAuthorizesThem() {
        assertThat(ApiRequests.needs("GET", "/api/v1/namespaces/ns/pods?labelSelector=a%3Db&watch=true&resourceVersion=1"))
                .containsExactly(RequiredAccess.Check.of("", "pods", "watch"));
        assertThat(ApiRequests.needs("GET", "/api/v1/pods")).containsExactly(RequiredAccess.Check.of("", "pods", "list"));
        assertThat(ApiRequests.needs("DELETE", "/api/v1/namespaces/chaos-1"))
                .containsExactly(RequiredAccess.Check.of("", "namespaces", "delete"));
        assertThat(ApiRequests.needs("PATCH", "/apis/policy/v1/namespaces/ns/poddisruptionbudgets/zk-pdb"))
                .containsExactly(RequiredAccess.Check.of("policy", "poddisruptionbudgets", "patch"));
        assertThat(ApiRequests.needs("POST", "/api/v1/namespaces/ns/pods/zk-0/eviction"))
                .containsExactly(RequiredAccess.Check.of("", "pods/eviction", "create"));
        assertThat(ApiRequests.needs("GET", "/api/v1/namespaces/ns/pods/zk-0/exec?command=sh"))
                .containsExactly(RequiredAccess.Check.of("", "pods/exec", "get"), RequiredAccess.Check.of("", "pods/exec", "create"));
        assertThat(ApiRequests.needs("GET", "/version")).isEmpty();
    }

    /**
     * The harness's own requests, told from the test's set-up and the fake controller's by their
     * user agent, while it deploys, changes the budget, loses a volume, saves logs, taints and
     * cordons a node, grows and shrinks, cleans and tears down: each must be declared.
     */
    @Test
    void everyRequestTheHarnessSendsIsDeclared() throws Exception {
        everyRequestIsDeclared(ZooKeeperService.INSTANCE, "data-zk-2");
    }

    /** etcd's deployment and faults go through the same code: the same verbs, and no other. */
    @Test
    void everyRequestTheHarnessSendsForEtcdIsDeclaredToo() throws Exception {
        everyRequestIsDeclared(dev.quorumchaos.service.etcd.EtcdService.INSTANCE, "data-etcd-2");
    }

    /** The service's own membership change needs members that answer, which the mock has not: nothing is asked of it. */
    private static final MemberReconfig NO_RECONFIG = new MemberReconfig() {
        @Override
        public String beforeStart(Members current, int ordinal) {
            return "";
        }

        @Override
        public String join(Members current, int ordinal) {
            return "joined";
        }

        @Override
        public void abandon(Members current, int ordinal) {
        }

        @Override
        public String remove(Members staying, int ordinal) {
            return "removed";
        }

        @Override
        public List<String> voters(Members current) {
            return List.of();
        }
    };

    private void everyRequestIsDeclared(dev.quorumchaos.service.Service service, String claim) throws Exception {
        KubernetesClient harness = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(UNDER_TEST).build()).build();
        try (harness; FakeStatefulSetController controller =
                new FakeStatefulSetController(client, List.of("node-a", "node-b", "node-c", "node-d"))) {
            KubernetesTarget target = KubernetesTarget.using(harness, "mock")
                    .withDefaults(DeployOptions.defaults().withStartTimeout(Duration.ofSeconds(20)));
            KubernetesEnsemble ensemble = target.deploy(service, EnsembleSpec.of(3), new History());
            if (client.persistentVolumeClaims().inNamespace(ensemble.namespace()).withName(claim).get() == null) {
                client.persistentVolumeClaims().inNamespace(ensemble.namespace()).resource(new PersistentVolumeClaimBuilder()
                        .withNewMetadata().withName(claim).endMetadata().build()).create();
            }

            ensemble.budget(2);
            ensemble.withReconfig(NO_RECONFIG).grow();
            ensemble.shrink();
            ensemble.members().loseVolume(2);
            ensemble.saveLogs(dir.resolve("logs"));
            assertThat(dir.resolve("logs")).isDirectoryContaining(p -> p.endsWith("member-0.log"))
                    .isDirectoryContaining(p -> p.endsWith(ClusterDiagnostics.EVENTS))
                    .isDirectoryContaining(p -> p.endsWith(ClusterDiagnostics.PODS));
            NodeFaults nodes = new NodeFaults(harness, ensemble.runId(), m -> "node-a", EvictionLog.none());
            var taint = nodes.taint(0, "chaos=true:NoSchedule");
            taint.apply();
            taint.recover();
            var cordon = nodes.cordon(0);
            cordon.apply();
            cordon.recover();
            target.cleaner().cleanAbandoned();
            ensemble.close();
        }

        Set<String> undeclared = new TreeSet<>();
        Set<RequiredAccess.Check> used = new LinkedHashSet<>();
        for (RecordedRequest r; (r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null; ) {
            if (!UNDER_TEST.equals(r.getHeader("User-Agent"))) {
                continue;
            }
            for (RequiredAccess.Check need : ApiRequests.needs(r)) {
                used.add(need);
                if (!RequiredAccess.all().contains(need)) {
                    undeclared.add(need + " (" + r.getMethod() + " " + r.getPath() + ")");
                }
            }
        }
        assertThat(used).as("the flow reached the API server").hasSizeGreaterThan(10);
        assertThat(undeclared).isEmpty();
    }

    /**
     * A kubeconfig for the mock server. The pre-flight gives a server 5 s to answer; the first
     * TLS connection of a cold JVM on a loaded machine can take longer, so one is made first.
     */
    private Path kubeconfig() throws IOException {
        client.getKubernetesVersion();
        return Files.writeString(dir.resolve("config"), """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: mock
                    cluster:
                      server: %s
                      insecure-skip-tls-verify: true
                users:
                  - name: ci
                    user:
                      token: abc
                contexts:
                  - name: mock
                    context:
                      cluster: mock
                      user: ci
                current-context: mock
                """.formatted(client.getMasterUrl()));
    }

    /** Answers each review as an API server would: denied for {@code denied}, allowed otherwise; returns what was asked. */
    private List<RequiredAccess.Check> reviewsDeny(Set<RequiredAccess.Check> denied) {
        List<RequiredAccess.Check> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews").andReply(201, request -> {
            SelfSubjectAccessReview review = client.getKubernetesSerialization()
                    .unmarshal(request.getUtf8Body(), SelfSubjectAccessReview.class);
            var attributes = review.getSpec().getResourceAttributes();
            RequiredAccess.Check check = new RequiredAccess.Check(attributes.getGroup() == null ? "" : attributes.getGroup(),
                    attributes.getResource(), attributes.getSubresource() == null ? "" : attributes.getSubresource(),
                    attributes.getVerb());
            asked.add(check);
            review.setStatus(new SubjectAccessReviewStatusBuilder().withAllowed(!denied.contains(check)).build());
            return review;
        }).always();
        return asked;
    }

    @Test
    void thePreFlightNamesEveryMissingVerbAndWhyBeforeAnythingIsDeployed() throws IOException {
        reviewsDeny(Set.of(RequiredAccess.Check.of("policy", "poddisruptionbudgets", "patch"),
                RequiredAccess.Check.of("", "pods/log", "get")));
        Path config = kubeconfig();

        assertThatThrownBy(() -> KubernetesTarget.fromKubeconfig(RunSettings.fromSystem(), config, "mock"))
                .isInstanceOf(ChaosException.class)
                .matches(e -> ((ChaosException) e).badInput())
                .hasMessageContaining("may not do what the harness needs, so nothing was deployed: ")
                .hasMessageContaining("get pods/log (member logs saved with the report of a failed scenario)")
                .hasMessageContaining("patch poddisruptionbudgets.policy (the budget is created with the manifests,")
                .hasMessageContaining("harness/kubernetes/rbac.yaml");
        assertThat(client.namespaces().list().getItems()).isEmpty();
    }

    @Test
    void thePreFlightAsksAboutEveryDeclaredVerbAndPassesWhenAllAreAllowed() throws IOException {
        List<RequiredAccess.Check> asked = reviewsDeny(Set.of());
        Path config = kubeconfig();

        KubernetesTarget.fromKubeconfig(RunSettings.fromSystem(), config, "mock").close();

        assertThat(asked).containsExactlyElementsOf(RequiredAccess.all());
    }
}
