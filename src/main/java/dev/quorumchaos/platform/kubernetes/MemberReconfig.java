package dev.quorumchaos.platform.kubernetes;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A service's own membership change on Kubernetes (ZooKeeper's reconfig, etcd's member API),
 * asked through the members' port-forwards. The platform scales the StatefulSet around it
 * ({@link KubernetesResize}): {@link #beforeStart} runs before the new pod exists, {@link #join}
 * once it runs, {@link #remove} before the leaving pod is scaled away.
 */
public interface MemberReconfig {

    /** The members as the harness reaches them (port-forwards) and as they name each other (stable DNS names). */
    interface Members {

        /** How many: ordinals 0 to {@code size() - 1}. */
        int size();

        /** The loopback port-forward to the member's client port. */
        InetSocketAddress clientAddress(int ordinal);

        /** The name peers reach the member by: {@code <pod>.<governing service>}, e.g. {@code zk-3.zk-hs}. */
        String peerHost(int ordinal);
    }

    /**
     * Before member {@code ordinal}'s pod is created: what the service must know first (etcd adds
     * it as a learner); returns what was done, empty when nothing was.
     */
    String beforeStart(Members current, int ordinal);

    /** Once the new member's pod runs: makes it a voting member (ZooKeeper {@code reconfig -add}, etcd promote); returns what was done. */
    String join(Members current, int ordinal);

    /** Undoes {@link #beforeStart} for a member whose pod never ran (etcd removes the learner); idempotent. */
    void abandon(Members current, int ordinal);

    /** Takes member {@code ordinal} out of the membership, asked through the {@code staying} members; returns what was done. */
    String remove(Members staying, int ordinal);

    /** The voting members as the service lists them now. */
    List<String> voters(Members current);
}
