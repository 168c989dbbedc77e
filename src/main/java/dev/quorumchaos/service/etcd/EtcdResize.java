package dev.quorumchaos.service.etcd;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.ensemble.Resize;
import dev.quorumchaos.platform.local.LocalTarget;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Cluster;
import io.etcd.jetcd.cluster.Member;
import io.etcd.jetcd.cluster.MemberAddResponse;
import org.awaitility.core.ConditionTimeoutException;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/**
 * Grows and shrinks a local etcd cluster as etcd's runtime reconfiguration guide says. A new
 * member is added as a learner ({@code MemberAdd} with {@code isLearner}, etcd 3.4): it receives
 * the log without voting, so a slow start cannot cost the quorum; it is started with
 * {@code --initial-cluster-state existing} and the membership the add answered, and promoted to a
 * voter once it has caught up ({@code MemberPromote}, refused with "can only promote a learner
 * member which is in sync with leader" until then). A leaving member is removed
 * ({@code MemberRemove}) first, then stopped.
 */
final class EtcdResize {

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);

    private final EtcdLocalEnsemble ensemble;
    private final EtcdTopology topology;

    EtcdResize(EtcdLocalEnsemble ensemble) {
        this.ensemble = ensemble;
        this.topology = ensemble.topology();
    }

    Resize grow() {
        int voters = ensemble.size();
        if (voters >= EnsembleSpec.MAX_SIZE) {
            throw ChaosException.badInput("cannot grow past " + EnsembleSpec.MAX_SIZE + " members");
        }
        List<URI> current = realClientUrls(voters);
        int ordinal = ensemble.linkNewMember(freshPorts());
        try {
            URI peer = topology.peerUrl(ordinal);
            MemberAddResponse added = whenHealthy(() -> call(current, cluster -> cluster.addMember(List.of(peer), true),
                    "add member " + ordinal + " as a learner at " + peer));
            long id = added.getMember().getId();
            topology.ids().learn(ordinal, id);
            ensemble.startNewMember(ordinal, MemberReplacement.initialCluster(topology, added.getMembers()));
            String promoted = promote(current, id, ordinal);
            awaitServing(ordinal);
            String detail = "member add --learner " + EtcdMemberIds.hex(id) + " at " + peer + ", then " + promoted;
            ensemble.observer().resize(ordinal + 1, detail);
            return new Resize(ordinal, true, false, detail);
        } catch (RuntimeException e) {
            if (ensemble.observer().size() <= ordinal) {
                ensemble.stopLastMember(); // never counted: take back what was started
            }
            throw e;
        }
    }

    Resize shrink() {
        int ordinal = ensemble.size() - 1;
        if (ordinal < 1) {
            throw ChaosException.badInput("cannot shrink a 1-member cluster: it would have no member left");
        }
        boolean wasLeader = ensemble.refresh().leader().orElse(-1) == ordinal;
        List<URI> staying = realClientUrls(ordinal);
        URI peer = topology.peerUrl(ordinal);
        Member leaving = listedOrRefuse(staying, peer, "remove", ordinal);
        String id = EtcdMemberIds.hex(leaving.getId());
        remove(staying, leaving.getId(), "remove member " + ordinal + " (" + id + ")");
        String detail = "member remove " + id + " committed" + (wasLeader
                ? "; it led, so the remaining members elected another leader" : "");
        ensemble.observer().resize(ordinal, detail);
        ensemble.stopLastMember();
        return new Resize(ordinal, false, wasLeader, detail);
    }

    /**
     * Removes a member, asking again until the member list no longer shows it. Right after a
     * leader change (removing the leader is one) a removal may go unanswered, be refused as
     * "unhealthy cluster", or be applied with its answer lost: each time the list says which, and
     * removing a member already gone is never asked.
     */
    static void remove(List<URI> endpoints, long id, String what) {
        AtomicReference<RuntimeException> last = new AtomicReference<>();
        try {
            await(what).atMost(JOIN_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
                try {
                    if (listed(endpoints).stream().noneMatch(m -> m.getId() == id)) {
                        return true;
                    }
                    call(endpoints, cluster -> cluster.removeMember(id), what);
                    return true;
                } catch (ChaosException e) {
                    last.set(e);
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new ChaosException("cannot " + what + " within " + JOIN_TIMEOUT.toSeconds() + " s: "
                    + (last.get() == null ? "the member list still shows it" : last.get().getMessage()), last.get());
        }
    }

    /**
     * With {@code strict-reconfig-check}, etcd refuses a membership change with "unhealthy
     * cluster" until the leader has been connected to every voting member for its health interval
     * (5 s): right after a boot or a partition. Such a refusal changed nothing, so it is asked again.
     */
    static <T> T whenHealthy(java.util.function.Supplier<T> change) {
        AtomicReference<T> answer = new AtomicReference<>();
        AtomicReference<ChaosException> refused = new AtomicReference<>();
        try {
            await("a membership change etcd does not refuse as unhealthy").atMost(JOIN_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        try {
                            answer.set(change.get());
                            return true;
                        } catch (ChaosException e) {
                            if (!String.valueOf(e.getMessage()).contains("unhealthy cluster")) {
                                throw e;
                            }
                            refused.set(e);
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw refused.get();
        }
        return answer.get();
    }

    /** The voting members, as {@code name=peer URL}; learners are left out. */
    List<String> votingMembers() {
        return voters(realClientUrls(ensemble.size()));
    }

    /** The voting members the cluster at {@code endpoints} lists, as {@code name=peer URL}; learners are left out. */
    static List<String> voters(List<URI> endpoints) {
        return listed(endpoints).stream().filter(m -> !m.isLearner())
                .map(m -> (m.getName().isEmpty() ? EtcdMemberIds.hex(m.getId()) : m.getName()) + "="
                        + m.getPeerURIs().get(0))
                .toList();
    }

    /** The member listed with {@code peer} as its peer URL, if the cluster lists one. */
    static java.util.Optional<Member> listedAt(List<URI> endpoints, URI peer) {
        return listed(endpoints).stream().filter(m -> m.getPeerURIs().contains(peer)).findFirst();
    }

    /** The member listed at {@code peer}; one not listed cannot be {@code doing} ("remove", "promote"). */
    static Member listedOrRefuse(List<URI> endpoints, URI peer, String doing, int ordinal) {
        return listedAt(endpoints, peer).orElseThrow(() -> new ChaosException("cannot " + doing + " etcd member "
                + ordinal + ": the cluster does not list " + peer));
    }

    static List<Member> listed(List<URI> endpoints) {
        return call(endpoints, Cluster::listMember, "list the members").getMembers();
    }

    /**
     * Promotes the learner once the leader counts it in sync (until then etcd refuses with "can
     * only promote a learner member which is in sync with leader"); returns what was done.
     */
    static String promote(List<URI> endpoints, long id, int ordinal) {
        String what = "promote learner " + EtcdMemberIds.hex(id);
        AtomicReference<String> last = new AtomicReference<>("not asked yet");
        try {
            await(what).atMost(JOIN_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
                try {
                    call(endpoints, cluster -> cluster.promoteMember(id), what);
                    return true;
                } catch (ChaosException refused) {
                    last.set(refused.getMessage());
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new ChaosException("etcd member " + ordinal + " (learner " + EtcdMemberIds.hex(id)
                    + ") not promoted within " + JOIN_TIMEOUT.toSeconds() + " s; etcd's last answer: " + last.get());
        }
        return "member promote " + EtcdMemberIds.hex(id);
    }

    private void awaitServing(int ordinal) {
        AtomicReference<String> seen = new AtomicReference<>("not asked yet");
        try {
            await("etcd member " + ordinal + " serving").atMost(JOIN_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        EtcdRoleProbe.Observation o = ensemble.probe().poll(ordinal);
                        seen.set(o.state().label() + (o.detail() == null ? "" : ": " + o.detail()));
                        return o.state().serving();
                    });
        } catch (ConditionTimeoutException e) {
            throw new ChaosException("etcd member " + ordinal + " does not serve " + JOIN_TIMEOUT.toSeconds()
                    + " s after its promotion (it says: " + seen.get() + ")");
        }
    }

    private List<URI> realClientUrls(int count) {
        return IntStream.range(0, count).mapToObj(topology::realClientUrl).toList();
    }

    @FunctionalInterface
    interface ClusterCall<T> {
        CompletableFuture<T> on(Cluster cluster);
    }

    static <T> T call(List<URI> endpoints, ClusterCall<T> call, String what) {
        try (Client admin = Client.builder().endpoints(endpoints.toArray(URI[]::new)).retryMaxAttempts(0)
                .connectTimeout(CALL_TIMEOUT).build()) {
            CompletableFuture<T> answer = call.on(admin.getClusterClient());
            try {
                return answer.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new ChaosException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                answer.cancel(true);
                throw new ChaosException("cannot " + what + ": no answer within " + CALL_TIMEOUT.toMillis() + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChaosException("interrupted while trying to " + what, e);
            }
        }
    }

    private static EtcdPorts freshPorts() {
        List<ServerSocket> held = new ArrayList<>();
        try {
            return new EtcdPorts(LocalTarget.freePort(held), LocalTarget.freePort(held));
        } finally {
            LocalTarget.releasePorts(held);
        }
    }
}
