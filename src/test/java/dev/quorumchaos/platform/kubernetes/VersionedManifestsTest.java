package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ensemble.EnsembleSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** A scenario's release on Kubernetes is the server image's tag; without one the manifests' image stays. */
@EnableKubernetesMockClient(crud = true)
@ExtendWith(QuietMockServer.class)
class VersionedManifestsTest {

    KubernetesClient client;

    private String serverImage(EnsembleSpec spec) {
        ServiceManifests manifests = ServiceManifests.load(ServiceParts.ZOOKEEPER_MANIFESTS, ServiceParts.ZOOKEEPER, "ZooKeeper");
        StatefulSet set = manifests.render(client, new ServiceManifests.Values("ns", "run", spec, 1, true)).objects()
                .stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast).findFirst().orElseThrow();
        return manifests.serverContainer(set).getImage();
    }

    @Test
    void aReleaseBecomesTheImageTag() {
        assertThat(serverImage(EnsembleSpec.of(3))).isEqualTo("zookeeper:3.9");
        assertThat(serverImage(EnsembleSpec.of(3).withVersion("3.8.4"))).isEqualTo("zookeeper:3.8.4");
    }
}
