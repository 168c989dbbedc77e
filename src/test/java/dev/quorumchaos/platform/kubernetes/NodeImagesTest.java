package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ChaosException;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How images reach the k3s nodes: which ones, under which names, imported and pinned how. */
class NodeImagesTest {

    @Test
    void theShippedManifestsNeedTheServersImageAndThePartitionHelper() {
        try (var client = new KubernetesClientBuilder().build()) {
            assertThat(ServiceManifests.load(ServiceParts.ZOOKEEPER_MANIFESTS, ServiceParts.ZOOKEEPER, "ZooKeeper").images(client))
                    .containsExactly("nicolaka/netshoot:v0.13", "zookeeper:3.9");
            assertThat(ServiceManifests.load(ServiceParts.ETCD_MANIFESTS, ServiceParts.ETCD, "etcd").images(client))
                    .as("the init container's image too").containsExactly("nicolaka/netshoot:v0.13", "registry.k8s.io/etcd:3.5.21-0");
        }
    }

    @Test
    void imagesAreNamedAsContainerdNamesThem() {
        assertThat(NodeImages.fullName("zookeeper:3.9")).isEqualTo("docker.io/library/zookeeper:3.9");
        assertThat(NodeImages.fullName("nicolaka/netshoot:v0.13")).isEqualTo("docker.io/nicolaka/netshoot:v0.13");
        assertThat(NodeImages.fullName("rancher/mirrored-pause:3.6")).isEqualTo("docker.io/rancher/mirrored-pause:3.6");
        assertThat(NodeImages.fullName("busybox")).isEqualTo("docker.io/library/busybox:latest");
        assertThat(NodeImages.fullName("docker.io/zookeeper:3.9")).isEqualTo("docker.io/library/zookeeper:3.9");
        assertThat(NodeImages.fullName("quay.io/org/app:1")).isEqualTo("quay.io/org/app:1");
        assertThat(NodeImages.fullName("localhost:5000/app")).isEqualTo("localhost:5000/app:latest");
    }

    @Test
    void aNodeImportsForItsOwnPlatformOnlyAndPinsWhatItImported() {
        assertThat(NodeImages.platform("x86_64")).isEqualTo("linux/amd64");
        assertThat(NodeImages.platform("aarch64")).isEqualTo("linux/arm64");
        assertThatThrownBy(() -> NodeImages.platform("mips")).isInstanceOf(ChaosException.class).hasMessageContaining("'mips'");
        assertThat(NodeImages.importCommand("linux/amd64")).containsExactly(
                "ctr", "-n", "k8s.io", "images", "import", "--platform", "linux/amd64", NodeImages.NODE_ARCHIVE);
        assertThat(NodeImages.pinCommand("zookeeper:3.9")).containsExactly(
                "ctr", "-n", "k8s.io", "images", "label", "docker.io/library/zookeeper:3.9", "io.cri-containerd.pinned=pinned");
    }
}
