package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.history.History;
import dev.quorumchaos.platform.kubernetes.KubernetesService;
import dev.quorumchaos.platform.local.LocalService;
import dev.quorumchaos.service.ReadPromise;
import dev.quorumchaos.service.Service;
import dev.quorumchaos.workload.ServiceClients;

import java.util.Optional;

/**
 * ZooKeeper 3.9 as a service under test. Its reads are served by whichever member a client is
 * connected to and may be stale, so only writes are judged for linearizability.
 */
public final class ZooKeeperService implements Service {

    public static final ZooKeeperService INSTANCE = new ZooKeeperService();

    private ZooKeeperService() {
    }

    @Override
    public String name() {
        return "ZooKeeper";
    }

    @Override
    public String groupNoun() {
        return "ensemble";
    }

    @Override
    public ReadPromise reads() {
        return ReadPromise.WRITES_ONLY;
    }

    @Override
    public <T> Optional<T> part(Class<T> kind) {
        if (kind == LocalService.class) {
            return Optional.of(kind.cast(new ZooKeeperOnLocal()));
        }
        if (kind == KubernetesService.class) {
            return Optional.of(kind.cast(new ZooKeeperOnKubernetes()));
        }
        return Optional.empty();
    }

    @Override
    public ServiceClients clients(Ensemble ensemble, History history) {
        return new ZooKeeperClients(ensemble, history);
    }
}
