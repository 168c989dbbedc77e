package dev.quorumchaos.service.etcd;

import dev.quorumchaos.history.History;
import dev.quorumchaos.history.Operation;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Jepsen's register workload on etcd: read a register (linearizable), then compare-and-set it
 * from the value read, as a transaction that puts only if the key's {@code mod_revision} is still
 * the one read. An absent register is set by a transaction comparing {@code create_revision == 0}:
 * a compare-and-set from absent. Every read and write is recorded for the linearizability check;
 * etcd promises linearizable reads, so reads count too.
 */
public final class EtcdRegisterClient extends EtcdPacedClient {

    private final List<String> registers;
    private final Random random;
    private long seq;

    public EtcdRegisterClient(int process, List<URI> endpoints, List<String> registers, Duration interval,
                              History history, EtcdMemberIds ids, long seed) {
        super("etcd-register-client", process, endpoints, interval, history, ids);
        this.registers = List.copyOf(registers);
        this.random = new Random(seed);
    }

    @Override
    protected void tick() {
        String key = registers.get(random.nextInt(registers.size()));
        Operation read = history.invoke(process, Operation.Fn.READ, key, null, null, -1);
        Answer<GetResponse> got = await(kv.get(bytes(key)));
        if (!got.ok()) {
            history.complete(read, Operation.Type.FAIL, null, String.valueOf(got.failure()));
            return;
        }
        int member = member(got.value().getHeader());
        if (got.value().getKvs().isEmpty()) {
            history.complete(read, Operation.Type.OK, null, null, member);
            compareAndSet(key, null, CmpTarget.createRevision(0));
        } else {
            KeyValue kv = got.value().getKvs().get(0);
            String value = kv.getValue().toString(StandardCharsets.UTF_8);
            history.complete(read, Operation.Type.OK, value, null, member);
            compareAndSet(key, value, CmpTarget.modRevision(kv.getModRevision()));
        }
    }

    private void compareAndSet(String key, String expected, CmpTarget<?> unchanged) {
        String value = "p" + process + "-" + seq++;
        Operation cas = history.invoke(process, Operation.Fn.CAS, key, value, expected, -1);
        Answer<TxnResponse> txn = await(kv.txn()
                .If(new Cmp(bytes(key), Cmp.Op.EQUAL, unchanged))
                .Then(Op.put(bytes(key), bytes(value), PutOption.DEFAULT))
                .commit());
        if (!txn.ok()) {
            GrpcOutcomes.Completion c = GrpcOutcomes.ofWrite(txn.failure());
            history.complete(cas, c.type(), null, c.error());
        } else if (txn.value().isSucceeded()) {
            history.complete(cas, Operation.Type.OK, null, null, member(txn.value().getHeader()));
        } else {
            history.complete(cas, Operation.Type.FAIL, null, "compare failed: the register changed since it was read",
                    member(txn.value().getHeader()));
        }
    }
}
