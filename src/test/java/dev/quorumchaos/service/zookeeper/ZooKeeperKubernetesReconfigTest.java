package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.platform.kubernetes.KubernetesService;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ZooKeeper StatefulSet's start script, run by bash with the pod's name and env as a pod
 * would have them (its last line, which starts the image's entrypoint, replaced by an echo): a
 * member beyond the deploy size lists the members before it plus itself, and its own line is the
 * one {@code reconfig -add} adds.
 */
class ZooKeeperKubernetesReconfigTest {

    private static final Path MANIFEST = Path.of("harness", "kubernetes", "zookeeper", "statefulset.yaml");
    private static final String START = "exec /docker-entrypoint.sh zkServer.sh start-foreground";

    @TempDir
    Path tmp;

    private static Container server() throws Exception {
        StatefulSet set = new KubernetesSerialization().unmarshal(Files.readString(MANIFEST), StatefulSet.class);
        return set.getSpec().getTemplate().getSpec().getContainers().stream().filter(c -> c.getName().equals("zookeeper"))
                .findFirst().orElseThrow();
    }

    /** What the script hands the image: "myid|servers". */
    private String run(String hostname, int replicas) throws Exception {
        String script = server().getCommand().get(2);
        assertThat(script).contains(START, "/tmp/zookeeper.pid");
        script = script.replace(START, "echo \"$ZOO_MY_ID|$ZOO_SERVERS\"")
                .replace("/tmp/zookeeper.pid", tmp.resolve("pid").toString());
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        bash.environment().putAll(Map.of("HOSTNAME", hostname, "ZK_REPLICAS", String.valueOf(replicas),
                "ZK_PEER_SERVICE", "zk-hs"));
        Process p = bash.start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void aMemberBeyondTheDeploySizeListsTheMembersBeforeItAndItselfWithTheLineReconfigAdds() throws Exception {
        String joining = run("zk-4", 3);

        assertThat(joining).isEqualTo("5| server.1=zk-0.zk-hs:2888:3888;2181 server.2=zk-1.zk-hs:2888:3888;2181"
                + " server.3=zk-2.zk-hs:2888:3888;2181 server.4=zk-3.zk-hs:2888:3888;2181"
                + " server.5=zk-4.zk-hs:2888:3888;2181");
        assertThat(joining).endsWith(" " + ZooKeeperKubernetesReconfig.serverLine(4, "zk-4.zk-hs"));
    }

    @Test
    void aMemberOfTheDeployListsTheDeploySize() throws Exception {
        assertThat(run("zk-1", 3)).isEqualTo("2| server.1=zk-0.zk-hs:2888:3888;2181 server.2=zk-1.zk-hs:2888:3888;2181"
                + " server.3=zk-2.zk-hs:2888:3888;2181");
    }

    @Test
    void membersAreReconfigReadyForTheHarnesssSuperUser() throws Exception {
        Map<String, String> env = server().getEnv().stream().collect(java.util.stream.Collectors.toMap(EnvVar::getName,
                e -> e.getValue() == null ? "" : e.getValue()));

        assertThat(env.get("ZOO_CFG_EXTRA").split(" ")).contains("reconfigEnabled=true");
        assertThat(env).containsEntry("ZOO_STANDALONE_ENABLED", "false");
        assertThat(env).as("the manifest, applied by hand, is the harness's")
                .containsEntry("SERVER_JVMFLAGS", ZooKeeperOnKubernetes.SUPER_DIGEST_FLAG);
        KubernetesService part = ZooKeeperService.INSTANCE.part(KubernetesService.class).orElseThrow();
        assertThat(part.environment(EnsembleSpec.of(3))).containsEntry("SERVER_JVMFLAGS",
                "-Dzookeeper.DigestAuthenticationProvider.superDigest=" + Reconfiguration.SUPER_DIGEST);
        assertThat(part.reconfig()).isPresent();
    }
}
