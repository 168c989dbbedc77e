package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.platform.kubernetes.MemberReconfig;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * ZooKeeper's dynamic reconfiguration for members in pods, through their port-forwards
 * ({@link Reconfiguration}, as the super user). A new member needs nothing before its pod starts:
 * its start script lists the members before it plus itself (the documented way to join: it syncs
 * with the leader as a non-voting follower), and {@code reconfig -add} then makes it a voter. Its
 * server line must be the one the script writes: {@code server.<ordinal + 1>=<pod>.<peer
 * service>:2888:3888;2181}.
 */
final class ZooKeeperKubernetesReconfig implements MemberReconfig {

    static String serverLine(int ordinal, String peerHost) {
        return "server." + MemberConfig.myid(ordinal) + "=" + peerHost + ":2888:3888;2181";
    }

    private static Reconfiguration through(Members members) {
        return new Reconfiguration(IntStream.range(0, members.size()).mapToObj(members::clientAddress)
                .map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).collect(Collectors.joining(",")));
    }

    @Override
    public String beforeStart(Members current, int ordinal) {
        return "";
    }

    @Override
    public String join(Members current, int ordinal) {
        String line = serverLine(ordinal, current.peerHost(ordinal));
        String config = through(current).add(line);
        return "reconfig -add " + line + " committed, config version " + Reconfiguration.version(config);
    }

    @Override
    public void abandon(Members current, int ordinal) {
        // nothing was asked of the ensemble before the pod ran
    }

    @Override
    public String remove(Members staying, int ordinal) {
        String config = through(staying).remove(MemberConfig.myid(ordinal));
        return "reconfig -remove " + MemberConfig.myid(ordinal) + " committed, config version "
                + Reconfiguration.version(config);
    }

    @Override
    public List<String> voters(Members current) {
        return through(current).servers().lines().toList();
    }
}
