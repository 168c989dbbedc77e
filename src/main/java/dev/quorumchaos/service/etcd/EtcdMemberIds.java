package dev.quorumchaos.service.etcd;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which member ordinal an etcd member id belongs to. Ids are learnt, not computed: a member that
 * replaced one that lost its data gets a new id from {@code MemberAdd}. The role probe learns each
 * member's id from its own status answers; a replacement records the new id at once.
 */
public final class EtcdMemberIds {

    private final Map<Long, Integer> ordinals = new ConcurrentHashMap<>();

    public void learn(int ordinal, long id) {
        if (id != 0) {
            ordinals.put(id, ordinal);
        }
    }

    public OptionalInt ordinalOf(long id) {
        Integer ordinal = ordinals.get(id);
        return ordinal == null ? OptionalInt.empty() : OptionalInt.of(ordinal);
    }

    /** etcd prints ids as unsigned hex; jetcd hands them over as signed longs. */
    public static String hex(long id) {
        return Long.toHexString(id);
    }
}
