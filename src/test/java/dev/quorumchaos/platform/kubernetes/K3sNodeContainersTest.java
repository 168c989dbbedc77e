package dev.quorumchaos.platform.kubernetes;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.shaded.com.github.dockerjava.core.command.CreateContainerCmdImpl;
import org.testcontainers.utility.DockerImageName;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The node containers' definitions, read without starting them: what Docker would be asked to
 * create, after every create-command modifier has run in the order Testcontainers runs them.
 */
class K3sNodeContainersTest {

    private static final DockerImageName IMAGE = DockerImageName.parse(K3sTarget.DEFAULT_IMAGE);

    /** The create command Testcontainers would send, as far as the modifiers shape it. */
    private static CreateContainerCmd createCommand(GenericContainer<?> node) {
        CreateContainerCmd.Exec neverSent = c -> {
            throw new AssertionError("nothing is created in this test");
        };
        CreateContainerCmd cmd = new CreateContainerCmdImpl(neverSent, null, IMAGE.asCanonicalNameString());
        node.getCreateContainerCmdModifiers().forEach(m -> m.modify(cmd));
        return cmd;
    }

    private static boolean bindsHostCgroups(GenericContainer<?> node) {
        return node.getBinds().stream().map(Bind::getVolume).anyMatch(v -> v.getPath().equals(K3sNodeContainers.CGROUP_MOUNT));
    }

    @Test
    void anAgentHasACgroupNamespaceOfItsOwnAndNoHostCgroupTree() {
        try (Network network = Network.newNetwork()) {
            GenericContainer<?> agent = K3sNodeContainers.agent(IMAGE, network, "k3s-agent-1", "token");

            CreateContainerCmd cmd = createCommand(agent);
            assertThat(cmd.getHostConfig().getCgroupnsMode()).isEqualTo("private");
            assertThat(cmd.getHostName()).isEqualTo("k3s-agent-1");
            assertThat(bindsHostCgroups(agent)).isFalse();
            assertThat(agent.isPrivilegedMode()).isTrue();
            assertThat(agent.getTmpFsMapping()).containsKeys("/run", "/var/run");
            assertThat(agent.getEnvMap()).containsEntry("K3S_URL", "https://k3s-server:6443").containsEntry("K3S_TOKEN", "token");
            assertThat(agent.getCommandParts()).containsExactly("agent", "--node-name", "k3s-agent-1",
                    "--pause-image=" + K3sNodeContainers.PAUSE_IMAGE);
        }
    }

    @Test
    void theServerTaintsItsOwnNodeSoMembersRunOnAgentsOnly() {
        assertThat(K3sNodeContainers.serverCommand("localhost")).containsExactly("server", "--disable=traefik",
                "--tls-san=localhost", "--tls-san=k3s-server", "--pause-image=" + K3sNodeContainers.PAUSE_IMAGE,
                "--node-taint=node-role.kubernetes.io/control-plane:NoSchedule");
    }

    /**
     * Set up as Testcontainers' K3sContainer 2.0.5 sets up its server (read from its bytecode:
     * a modifier choosing the host's cgroup namespace, and a read-write bind of the host's
     * cgroup tree); building the real one needs a Docker engine, see the next test.
     */
    @Test
    void theServerSettingsOfTheK3sModuleAreUndone() {
        GenericContainer<?> likeTheModule = new GenericContainer<>(IMAGE)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withCgroupnsMode("host"))
                .withFileSystemBind("/sys/fs/cgroup", "/sys/fs/cgroup", BindMode.READ_WRITE)
                .withTmpFs(Map.of("/run", ""));
        assertThat(createCommand(likeTheModule).getHostConfig().getCgroupnsMode()).isEqualTo("host");
        assertThat(bindsHostCgroups(likeTheModule)).isTrue();

        K3sNodeContainers.privateCgroups(likeTheModule);

        assertThat(createCommand(likeTheModule).getHostConfig().getCgroupnsMode()).isEqualTo("private");
        assertThat(bindsHostCgroups(likeTheModule)).isFalse();
        assertThat(likeTheModule.getTmpFsMapping()).containsKey("/run");
    }

    @Test
    void theRealServerDefinitionWhereADockerEngineAnswers() {
        boolean docker = K3sTarget.dockerAvailable();
        if (!docker) {
            System.out.println("skipped: no Docker engine answers here, and Testcontainers' K3sContainer asks for"
                    + " the Docker host while it is built");
        }
        assumeTrue(docker, "no Docker engine answers here");
        try (Network network = Network.newNetwork()) {
            K3sContainer server = K3sNodeContainers.server(IMAGE, network);

            assertThat(createCommand(server).getHostConfig().getCgroupnsMode()).isEqualTo("private");
            assertThat(bindsHostCgroups(server)).isFalse();
            assertThat(server.getCommandParts()).contains("--tls-san=k3s-server", "--pause-image=" + K3sNodeContainers.PAUSE_IMAGE,
                    "--node-taint=" + K3sNodeContainers.SERVER_TAINT);
        }
    }
}
