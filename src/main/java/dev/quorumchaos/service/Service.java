package dev.quorumchaos.service;

import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.history.History;
import dev.quorumchaos.workload.ServiceClients;

import java.util.Optional;

/**
 * A quorum service the harness can test, in the spirit of Jepsen's {@code DB} protocol: what a
 * member is (config, ports, process), how it says its role, which reads it promises, and the
 * clients the workloads drive. ZooKeeper and etcd are the two adapters; faults, checks and
 * reports speak only of generic members and roles.
 *
 * <p>What a platform needs from a service to run its members there is a <em>part</em> the
 * platform defines (the local platform's {@code LocalService}, Kubernetes' {@code
 * KubernetesService}); a service offers the parts it has, and a platform that finds none skips
 * the scenario with the reason, as Jepsen's nemesis asks {@code (satisfies? db/Kill db)}.
 */
public interface Service {

    /** As people write it: "ZooKeeper", "etcd". */
    String name();

    /** What its members form, as its own docs say: "ensemble", "cluster". */
    String groupNoun();

    /** Which reads the service promises are linearizable: the linearizability check judges those. */
    ReadPromise reads();

    /** The service's part for a platform, e.g. {@code service.part(LocalService.class)}; empty if it has none. */
    <T> Optional<T> part(Class<T> kind);

    /** Clients of the scenario's workloads, recording into {@code history}. */
    ServiceClients clients(Ensemble ensemble, History history);
}
