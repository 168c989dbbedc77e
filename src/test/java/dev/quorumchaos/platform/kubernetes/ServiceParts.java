package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.service.etcd.EtcdService;
import dev.quorumchaos.service.zookeeper.ZooKeeperService;

import java.nio.file.Path;

/** The two services' Kubernetes parts and shipped manifests, as the platform's tests drive them. */
final class ServiceParts {

    static final KubernetesService ZOOKEEPER = ZooKeeperService.INSTANCE.part(KubernetesService.class).orElseThrow();
    static final KubernetesService ETCD = EtcdService.INSTANCE.part(KubernetesService.class).orElseThrow();
    static final Path ZOOKEEPER_MANIFESTS = DeployOptions.DEFAULT_MANIFESTS.resolve("zookeeper");
    static final Path ETCD_MANIFESTS = DeployOptions.DEFAULT_MANIFESTS.resolve("etcd");

    private ServiceParts() {
    }
}
