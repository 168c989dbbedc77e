package dev.quorumchaos.service.etcd;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.workload.MemberContents;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/**
 * What each etcd member holds, read from that member alone. A linearizable read is served
 * through the leader and would show the leader's data whichever member was asked, so each member
 * is read serializably (from its own store), once its store has reached the revision the leader
 * had when the read began: the member has caught up, and what it lacks then, it lost.
 */
public final class EtcdContents {

    private EtcdContents() {
    }

    public static List<MemberContents> readEveryMember(EtcdEndpoints topology, Set<String> prefixes, Duration deadline) {
        List<URI> all = IntStream.range(0, topology.size()).mapToObj(topology::adminUrl).toList();
        long leaderRevision;
        try (Client any = client(all)) {
            leaderRevision = any.getKVClient().get(ByteSequence.from(new byte[]{0}),
                            GetOption.builder().withCountOnly(true).build())
                    .get(deadline.toMillis(), TimeUnit.MILLISECONDS).getHeader().getRevision();
        } catch (Exception e) {
            String why = "no linearizable read to learn the leader's revision: " + e.getMessage();
            return IntStream.range(0, topology.size()).mapToObj(i -> MemberContents.unreadable(i, why)).toList();
        }
        List<MemberContents> contents = new ArrayList<>();
        for (int i = 0; i < topology.size(); i++) {
            contents.add(readMember(i, topology.adminUrl(i), prefixes, leaderRevision, deadline));
        }
        return contents;
    }

    private static MemberContents readMember(int member, URI url, Set<String> prefixes, long leaderRevision,
                                             Duration deadline) {
        try (Client alone = client(List.of(url))) {
            Set<String> keys = new LinkedHashSet<>();
            long[] revision = {-1};
            await("member " + member + " reaches revision " + leaderRevision).atMost(deadline)
                    .pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                    .until(() -> {
                        revision[0] = serializable(alone, ByteSequence.from(new byte[]{0}), false, deadline)
                                .getHeader().getRevision();
                        return revision[0] >= leaderRevision;
                    });
            for (String prefix : prefixes) {
                for (KeyValue kv : serializable(alone, bytes(prefix + "/"), true, deadline).getKvs()) {
                    keys.add(kv.getKey().toString(StandardCharsets.UTF_8));
                }
            }
            return MemberContents.read(member, keys);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return MemberContents.unreadable(member, "did not catch up with the leader's revision " + leaderRevision
                    + " within " + deadline.toMillis() + " ms");
        } catch (Exception e) {
            return MemberContents.unreadable(member, String.valueOf(e.getMessage()));
        }
    }

    private static GetResponse serializable(Client client, ByteSequence key, boolean prefix, Duration deadline)
            throws Exception {
        GetOption.Builder option = GetOption.builder().withSerializable(true);
        option = prefix ? option.isPrefix(true).withKeysOnly(true) : option.withCountOnly(true);
        return client.getKVClient().get(key, option.build()).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    static Client client(List<URI> endpoints) {
        return Client.builder().endpoints(endpoints.toArray(URI[]::new)).retryMaxAttempts(0)
                .connectTimeout(Duration.ofSeconds(1)).build();
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    /** Deletes every key, then compacts the history away: the next scenario starts from an empty store. */
    public static void emptyAll(EtcdEndpoints topology, Duration deadline) {
        List<URI> all = IntStream.range(0, topology.size()).mapToObj(topology::adminUrl).toList();
        ByteSequence everything = ByteSequence.from(new byte[]{0});
        try (Client client = client(all)) {
            long revision = client.getKVClient().delete(everything,
                            io.etcd.jetcd.options.DeleteOption.builder().withRange(everything).build())
                    .get(deadline.toMillis(), TimeUnit.MILLISECONDS).getHeader().getRevision();
            try {
                client.getKVClient().compact(revision).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!String.valueOf(e.getCause().getMessage()).contains("compacted")) {
                    throw e; // compacted already at this revision (nothing changed since the last reset): fine
                }
            }
        } catch (Exception e) {
            throw new ChaosException("cannot empty the etcd cluster for the next scenario: " + e.getMessage(), e);
        }
    }
}
