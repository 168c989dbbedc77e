package dev.quorumchaos.service.etcd;

import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.platform.kubernetes.KubernetesService;
import dev.quorumchaos.platform.kubernetes.MemberReconfig;
import dev.quorumchaos.platform.kubernetes.ServerProcess;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * etcd on Kubernetes: the official image from {@code harness/kubernetes/etcd/}, one member per
 * pod, peers named by the pods' stable DNS names. The image has no shell, so its process is
 * signalled, and its status asked, from the {@code chaos-net} sidecar, which shares the pod's
 * process and network namespaces.
 *
 * <p>Roles come from the Maintenance Status API, as on the local target, asked through etcd's gRPC
 * gateway on the pod's loopback by {@code curl} in the sidecar, every 100 ms on one exec stream
 * per pod. Not {@code etcdctl endpoint status} by exec: that is one exec, so one API-server
 * websocket, per poll, and etcdctl is in the server's container, which restarts with every kill.
 * Not the gRPC API through a port-forward: one HTTP/2 connection would be kept, but after every
 * restart of the member each reconnection attempt opens a new port-forward stream until it
 * listens again, and a paused member holds a forward stream open per attempt.
 */
final class EtcdOnKubernetes implements KubernetesService {

    /** etcd's own defaults, for members on different nodes: "the heartbeat interval ... round-trip time", the election timeout 10 times it. */
    static final Duration HEARTBEAT = Duration.ofMillis(100);
    static final Duration ELECTION_TIMEOUT = Duration.ofMillis(1000);
    /** etcd's process: its command's first argument is {@code etcd}, or a path ending in it. */
    static final ServerProcess ETCD = new ServerProcess("etcd", "(.*/)?etcd", null, "chaos-net");

    @Override
    public String manifestDirectory() {
        return "etcd";
    }

    @Override
    public int clientPort() {
        return 2379;
    }

    /** Read by the {@code member-config} init container, which writes each member's config file. */
    @Override
    public Map<String, String> environment(EnsembleSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ETCD_REPLICAS", String.valueOf(spec.size()));
        env.put("ETCD_HEARTBEAT_INTERVAL", String.valueOf(HEARTBEAT.toMillis()));
        env.put("ETCD_ELECTION_TIMEOUT", String.valueOf(ELECTION_TIMEOUT.toMillis()));
        return env;
    }

    @Override
    public Optional<MemberReconfig> reconfig() {
        return Optional.of(new EtcdKubernetesReconfig());
    }

    @Override
    public ServerProcess process() {
        return ETCD;
    }

    /** curl's exit status 7 is "could not connect" (refused), 28 "operation timed out". */
    @Override
    public String statusQuestion() {
        return "curl -sS --max-time 2 -X POST -d '{}' http://127.0.0.1:2379/v3/maintenance/status\n"
                + "case $? in 0) return 0 ;; 7) return 111 ;; 28) return 124 ;; *) return 1 ;; esac";
    }

    @Override
    public StatusReader statusReader(int size) {
        return new EtcdStatusAnswers();
    }

    /** The members through the ensemble's port-forwards, for clients and the harness's reads alike. */
    static EtcdEndpoints endpoints(Ensemble ensemble, EtcdMemberIds ids) {
        return new EtcdEndpoints() {
            @Override
            public int size() {
                return ensemble.size();
            }

            @Override
            public URI clientUrl(int ordinal) {
                var address = ensemble.clientAddress(ordinal);
                // the forward listens on 127.0.0.1: "localhost" could resolve to ::1
                return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
            }

            @Override
            public URI adminUrl(int ordinal) {
                return clientUrl(ordinal);
            }

            @Override
            public EtcdMemberIds ids() {
                return ids;
            }
        };
    }
}
