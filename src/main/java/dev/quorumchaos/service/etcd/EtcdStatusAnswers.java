package dev.quorumchaos.service.etcd;

import dev.quorumchaos.ensemble.RoleProbe;
import dev.quorumchaos.platform.kubernetes.KubernetesService;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Map;

/**
 * etcd's Maintenance Status answers as its gRPC gateway gives them in JSON ({@code POST
 * /v3/maintenance/status}), read as roles the way {@link EtcdRoleProbe} reads the gRPC answers:
 * the member is the leader it names, follows another, or names none. The gateway writes the
 * proto's field names ({@code header.member_id}, {@code leader}, {@code raftTerm}), 64-bit
 * numbers as decimal strings (proto3's JSON mapping), and leaves out fields at their default, so
 * a member without a leader has no {@code leader}. Each member's id is learnt from its own
 * answers, for the clients to name which member served them.
 */
final class EtcdStatusAnswers implements KubernetesService.StatusReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EtcdMemberIds ids = new EtcdMemberIds();

    EtcdMemberIds ids() {
        return ids;
    }

    @Override
    public RoleProbe.Answer read(int ordinal, String answer) throws IOException {
        Map<?, ?> status;
        try {
            status = JSON.readValue(answer, Map.class);
        } catch (JacksonException e) {
            throw new IOException("etcd's status answer is not JSON: " + answer.strip());
        }
        if (status == null || !(status.get("header") instanceof Map<?, ?> header)) {
            // the gateway's error, e.g. {"error":"...","code":14,"message":"..."}
            throw new IOException("etcd answered no status: " + answer.strip());
        }
        long self = unsigned(header.get("member_id"));
        long leader = unsigned(status.get("leader"));
        Object term = status.containsKey("raftTerm") ? status.get("raftTerm") : header.get("raft_term");
        ids.learn(ordinal, self);
        return RoleProbe.Answer.of(EtcdRoleProbe.role(self, leader), unsigned(term));
    }

    /** A uint64 as the gateway writes it (a decimal string), as jetcd holds it (a long, maybe negative); absent is 0. */
    static long unsigned(Object value) throws IOException {
        if (value == null) {
            return 0;
        }
        try {
            return value instanceof Number n ? n.longValue() : Long.parseUnsignedLong(value.toString());
        } catch (NumberFormatException e) {
            throw new IOException("etcd's status holds " + value + " where a number belongs");
        }
    }
}
