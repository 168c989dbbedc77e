package dev.quorumchaos.service.etcd;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.history.History;
import dev.quorumchaos.platform.kubernetes.KubernetesEnsemble;
import dev.quorumchaos.platform.kubernetes.KubernetesService;
import dev.quorumchaos.platform.local.LocalService;
import dev.quorumchaos.service.ReadPromise;
import dev.quorumchaos.service.Service;
import dev.quorumchaos.workload.ServiceClients;

import java.util.Optional;

/**
 * etcd 3.4+ as a service under test. Its reads are linearizable by default (served through the
 * leader's read index), so the linearizability check judges reads as well as writes.
 */
public final class EtcdService implements Service {

    public static final EtcdService INSTANCE = new EtcdService();

    private EtcdService() {
    }

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public String groupNoun() {
        return "cluster";
    }

    @Override
    public ReadPromise reads() {
        return ReadPromise.LINEARIZABLE;
    }

    @Override
    public <T> Optional<T> part(Class<T> kind) {
        if (kind == LocalService.class) {
            return Optional.of(kind.cast(new EtcdOnLocal()));
        }
        if (kind == KubernetesService.class) {
            return Optional.of(kind.cast(new EtcdOnKubernetes()));
        }
        return Optional.empty();
    }

    @Override
    public ServiceClients clients(Ensemble ensemble, History history) {
        if (ensemble instanceof EtcdLocalEnsemble etcd) {
            return new EtcdClients(etcd.topology(), history);
        }
        if (ensemble instanceof KubernetesEnsemble pods && pods.statusReader() instanceof EtcdStatusAnswers answers) {
            return new EtcdClients(EtcdOnKubernetes.endpoints(pods, answers.ids()), history);
        }
        throw new ChaosException("etcd clients need an etcd cluster, not " + ensemble.getClass().getSimpleName());
    }
}
