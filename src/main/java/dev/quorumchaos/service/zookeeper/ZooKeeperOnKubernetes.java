package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.platform.kubernetes.KubernetesService;
import dev.quorumchaos.platform.kubernetes.MemberReconfig;
import dev.quorumchaos.platform.kubernetes.ServerProcess;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * ZooKeeper on Kubernetes: the official {@code zookeeper} image from
 * {@code harness/kubernetes/zookeeper/}, roles read with {@code srvr} on the pod's loopback.
 */
final class ZooKeeperOnKubernetes implements KubernetesService {

    static final String MAIN_CLASS = "org.apache.zookeeper.server.quorum.QuorumPeerMain";
    /** Where the manifest's wrapper leaves the JVM's pid. */
    static final String PID_FILE = "/tmp/zookeeper.pid";
    /**
     * The JVM, signalled from its own container (the image has a shell). Its main class is
     * matched as a regular expression so that the script's own arguments, which hold it escaped,
     * never match it exactly.
     */
    static final ServerProcess JVM = new ServerProcess("the ZooKeeper JVM (" + MAIN_CLASS + ")",
            MAIN_CLASS.replace(".", "\\."), PID_FILE, null);

    @Override
    public String manifestDirectory() {
        return "zookeeper";
    }

    @Override
    public int clientPort() {
        return 2181;
    }

    /** The JVM flag that makes the harness's reconfig user the super user, as on the local target. */
    static final String SUPER_DIGEST_FLAG = "-Dzookeeper.DigestAuthenticationProvider.superDigest="
            + Reconfiguration.SUPER_DIGEST;

    /**
     * The image reads the ZOO_* ones; the manifest's wrapper turns ZK_REPLICAS into ZOO_SERVERS;
     * zkServer.sh adds SERVER_JVMFLAGS to the server JVM's flags.
     */
    @Override
    public Map<String, String> environment(EnsembleSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ZK_REPLICAS", String.valueOf(spec.size()));
        env.put("ZOO_TICK_TIME", String.valueOf(spec.tickTime().toMillis()));
        env.put("ZOO_INIT_LIMIT", String.valueOf(spec.initLimit()));
        env.put("ZOO_SYNC_LIMIT", String.valueOf(spec.syncLimit()));
        env.put("SERVER_JVMFLAGS", SUPER_DIGEST_FLAG);
        return env;
    }

    @Override
    public Optional<MemberReconfig> reconfig() {
        return Optional.of(new ZooKeeperKubernetesReconfig());
    }

    @Override
    public ServerProcess process() {
        return JVM;
    }

    /** {@code srvr} over bash's /dev/tcp: ZooKeeper answers and closes; a refused connect says "Connection refused". */
    @Override
    public String statusQuestion() {
        return "timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/2181 && printf srvr >&3 && cat <&3'";
    }

    @Override
    public StatusReader statusReader(int size) {
        return (ordinal, answer) -> SrvrAnswer.read(answer);
    }
}
