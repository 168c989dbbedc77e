package dev.quorumchaos.service.etcd;

import dev.quorumchaos.history.History;
import dev.quorumchaos.workload.MemberContents;
import dev.quorumchaos.workload.ServiceClients;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/** etcd's clients for the workloads: keys under a prefix, each client given every member's client URL. */
final class EtcdClients implements ServiceClients {

    private final EtcdEndpoints topology;
    private final History history;

    EtcdClients(EtcdEndpoints topology, History history) {
        this.topology = topology;
        this.history = history;
    }

    /** A prefix needs nothing created: its keys are put directly. */
    @Override
    public void prepare(String path) {
    }

    private List<URI> endpoints() {
        return IntStream.range(0, topology.size()).mapToObj(topology::clientUrl).toList();
    }

    @Override
    public AutoCloseable writer(int process, String path, Duration interval) {
        EtcdWriterClient writer = new EtcdWriterClient(process, endpoints(), path, interval, history, topology.ids());
        writer.start();
        return writer;
    }

    @Override
    public AutoCloseable registers(int process, List<String> registers, Duration interval, long seed) {
        EtcdRegisterClient client = new EtcdRegisterClient(process, endpoints(), registers, interval, history,
                topology.ids(), seed);
        client.start();
        return client;
    }

    @Override
    public List<MemberContents> readEveryMember(Set<String> paths, Duration deadline) {
        return EtcdContents.readEveryMember(topology, paths, deadline);
    }

    /** A writer whose only endpoint is the member's client URL: every write goes through that member. */
    @Override
    public void probeThrough(int member, String path, int process, Duration duration, Duration interval) {
        try (EtcdWriterClient probe = new EtcdWriterClient(process, List.of(topology.clientUrl(member)),
                path + "/probe-" + member, interval, history, topology.ids()).sendingThrough(member)) {
            probe.start();
            await("writes through member " + member + " for " + duration.toMillis() + " ms").pollDelay(duration)
                    .atMost(duration.plusSeconds(5)).until(() -> true);
        }
    }
}
