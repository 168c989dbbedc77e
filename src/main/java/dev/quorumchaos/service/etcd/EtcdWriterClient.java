package dev.quorumchaos.service.etcd;

import dev.quorumchaos.history.History;
import dev.quorumchaos.history.Operation;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.PutResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Puts a new key under a prefix at a steady pace and reads each acknowledged one back, the etcd
 * twin of the ZooKeeper writer: key {@code <prefix>/<process>-<seq>}, a unique value, so the
 * durability check can ask every member which keys it holds. The read back is etcd's default,
 * linearizable, so the checks may judge it.
 */
public final class EtcdWriterClient extends EtcdPacedClient {

    private final String prefix;
    private long seq;
    /** The member every request goes to, when the client has that one endpoint only; else -1. */
    private int sentTo = -1;

    public EtcdWriterClient(int process, List<URI> endpoints, String prefix, Duration interval, History history,
                            EtcdMemberIds ids) {
        super("etcd-writer", process, endpoints, interval, history, ids);
        this.prefix = prefix;
    }

    /** Records every write as sent to {@code member}: the client's only endpoint is that member's. */
    EtcdWriterClient sendingThrough(int member) {
        this.sentTo = member;
        return this;
    }

    @Override
    protected void tick() {
        String key = prefix + "/" + process + "-" + seq;
        String value = "p" + process + "-" + seq;
        seq++;
        Operation write = history.invoke(process, Operation.Fn.WRITE, key, value, null, sentTo);
        Answer<PutResponse> put = await(kv.put(bytes(key), bytes(value)));
        if (!put.ok()) {
            GrpcOutcomes.Completion c = GrpcOutcomes.ofWrite(put.failure());
            history.complete(write, c.type(), null, c.error());
            return;
        }
        history.complete(write, Operation.Type.OK, null, null, member(put.value().getHeader()));
        Operation read = history.invoke(process, Operation.Fn.READ, key, null, null, -1);
        Answer<GetResponse> got = await(kv.get(bytes(key)));
        if (!got.ok()) {
            history.complete(read, Operation.Type.FAIL, null, String.valueOf(got.failure())); // a read changes nothing
            return;
        }
        String seen = got.value().getKvs().isEmpty() ? null
                : got.value().getKvs().get(0).getValue().toString(StandardCharsets.UTF_8);
        history.complete(read, Operation.Type.OK, seen, null, member(got.value().getHeader()));
    }
}
