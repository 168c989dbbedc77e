package dev.quorumchaos.service.etcd;

import dev.quorumchaos.ChaosException;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Cluster;
import io.etcd.jetcd.cluster.Member;
import io.etcd.jetcd.cluster.MemberAddResponse;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What an etcd operator does for a member that lost its disk. The member cannot come back under
 * its old id: its empty log is behind the commit index the leader holds for that id, and the
 * member would panic ("tocommit(N) is out of range [lastIndex(M)]"), or, with a majority wiped,
 * bootstrap a new cluster under the old ids and lose every write. So, as etcd's runtime
 * reconfiguration guide says, the old member is removed ({@code MemberRemove}), added back as a
 * new member ({@code MemberAdd}, a new id), and started empty with
 * {@code --initial-cluster-state existing}; it then receives a snapshot from the leader.
 *
 * <p>Both calls need a quorum of the remaining members. Without one the member cannot be
 * replaced: the start fails and is retried, as a pod whose replacement step fails is restarted.
 * Each step is idempotent, so a retry after a half-done replacement finishes it.
 */
final class MemberReplacement {

    /** What was done, for the fault's description and the history. */
    record Done(int ordinal, long removedId, long newId, String initialCluster) {

        Done removing(long id) {
            return new Done(ordinal, id, newId, initialCluster);
        }

        String describe() {
            return "member " + ordinal + " lost its data: "
                    + (removedId == 0 ? "" : "removed its old member id " + EtcdMemberIds.hex(removedId) + ", ")
                    + "added it back as " + EtcdMemberIds.hex(newId)
                    + " and started it empty with --initial-cluster-state existing";
        }
    }

    private MemberReplacement() {
    }

    /**
     * Replaces member {@code ordinal} through the other members; empty when the cluster lists it
     * as a bootstrap member that never started (it lost nothing: it bootstraps as before).
     * {@code removed} hears of the old id as soon as it is gone, so a replacement finished by a
     * later try still names it.
     */
    static Optional<Done> replace(EtcdTopology topology, int ordinal, Duration timeout, java.util.function.LongConsumer removed) {
        List<URI> others = IntStream.range(0, topology.size()).filter(i -> i != ordinal)
                .mapToObj(topology::realClientUrl).toList();
        URI peer = topology.peerUrl(ordinal);
        try (Client admin = Client.builder().endpoints(others.toArray(URI[]::new)).retryMaxAttempts(0)
                .connectTimeout(timeout).build()) {
            Cluster cluster = admin.getClusterClient();
            List<Member> members = await(cluster.listMember(), timeout, ordinal, "list the members").getMembers();
            Optional<Member> listed = members.stream().filter(m -> m.getPeerURIs().contains(peer)).findFirst();
            long id;
            if (listed.isPresent() && listed.get().getClientURIs().isEmpty()) {
                if (!listed.get().getName().isEmpty()) {
                    return Optional.empty(); // a bootstrap member that never ran
                }
                id = listed.get().getId(); // added by an earlier try that could not start it: start it now
            } else {
                if (listed.isPresent()) {
                    long old = listed.get().getId();
                    await(cluster.removeMember(old), timeout, ordinal, "remove its old id " + EtcdMemberIds.hex(old));
                    removed.accept(old);
                }
                MemberAddResponse added = await(cluster.addMember(List.of(peer)), timeout, ordinal, "add it back");
                id = added.getMember().getId();
                members = added.getMembers();
            }
            topology.ids().learn(ordinal, id);
            return Optional.of(new Done(ordinal, 0, id, initialCluster(topology, members)));
        }
    }

    /** Every member by the name this topology gives it: a member added and not yet started has none of its own. */
    static String initialCluster(EtcdTopology topology, List<Member> members) {
        return members.stream().map(m -> {
            URI url = m.getPeerURIs().get(0);
            String name = IntStream.range(0, topology.size()).filter(i -> topology.peerUrl(i).equals(url))
                    .mapToObj(EtcdTopology::name).findFirst().orElse(m.getName());
            return name + "=" + url;
        }).collect(Collectors.joining(","));
    }

    private static <T> T await(CompletableFuture<T> call, Duration timeout, int ordinal, String step) {
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ChaosException("cannot replace etcd member " + ordinal + ": " + step + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new ChaosException("no quorum to re-add member " + ordinal + ": " + step + " not answered within "
                    + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosException("interrupted while replacing etcd member " + ordinal, e);
        }
    }
}
