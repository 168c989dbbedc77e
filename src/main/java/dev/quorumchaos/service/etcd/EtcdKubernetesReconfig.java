package dev.quorumchaos.service.etcd;

import dev.quorumchaos.platform.kubernetes.MemberReconfig;
import io.etcd.jetcd.cluster.Member;
import io.etcd.jetcd.cluster.MemberAddResponse;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * etcd's runtime reconfiguration for members in pods, through their port-forwards, as
 * {@link EtcdResize} does it locally: the new member is added as a learner before its pod exists
 * (its {@code member-config} init container then finds itself listed and joins with
 * {@code initial-cluster-state existing} and the membership the cluster lists), promoted once its
 * pod runs and it has caught up; a leaving member is removed before its pod goes. Members are
 * known to each other by {@code http://<pod>.<peer service>:2380}, as the init script names them.
 */
final class EtcdKubernetesReconfig implements MemberReconfig {

    static URI peerUrl(Members members, int ordinal) {
        return URI.create("http://" + members.peerHost(ordinal) + ":2380");
    }

    private static List<URI> endpoints(Members members) {
        // the forward listens on 127.0.0.1: "localhost" could resolve to ::1
        return IntStream.range(0, members.size()).mapToObj(members::clientAddress)
                .map(a -> URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort())).toList();
    }

    @Override
    public String beforeStart(Members current, int ordinal) {
        URI peer = peerUrl(current, ordinal);
        List<URI> endpoints = endpoints(current);
        Optional<Member> already = EtcdResize.listedAt(endpoints, peer);
        if (already.isPresent()) { // an earlier attempt added it and lost the answer
            return "member " + EtcdMemberIds.hex(already.get().getId()) + " at " + peer + " already listed";
        }
        MemberAddResponse added = EtcdResize.whenHealthy(() -> EtcdResize.call(endpoints,
                cluster -> cluster.addMember(List.of(peer), true), "add member " + ordinal + " as a learner at " + peer));
        return "member add --learner " + EtcdMemberIds.hex(added.getMember().getId()) + " at " + peer;
    }

    @Override
    public String join(Members current, int ordinal) {
        URI peer = peerUrl(current, ordinal);
        List<URI> endpoints = endpoints(current);
        Member learner = EtcdResize.listedOrRefuse(endpoints, peer, "promote", ordinal);
        if (!learner.isLearner()) {
            return "member " + EtcdMemberIds.hex(learner.getId()) + " already a voter";
        }
        return EtcdResize.promote(endpoints, learner.getId(), ordinal);
    }

    @Override
    public void abandon(Members current, int ordinal) {
        List<URI> endpoints = endpoints(current);
        EtcdResize.listedAt(endpoints, peerUrl(current, ordinal)).ifPresent(m -> EtcdResize.remove(endpoints, m.getId(),
                "remove learner " + EtcdMemberIds.hex(m.getId()) + " of member " + ordinal + ", whose pod never ran"));
    }

    @Override
    public String remove(Members staying, int ordinal) {
        URI peer = peerUrl(staying, ordinal);
        List<URI> endpoints = endpoints(staying);
        Member leaving = EtcdResize.listedOrRefuse(endpoints, peer, "remove", ordinal);
        String id = EtcdMemberIds.hex(leaving.getId());
        EtcdResize.remove(endpoints, leaving.getId(), "remove member " + ordinal + " (" + id + ")");
        return "member remove " + id + " committed";
    }

    @Override
    public List<String> voters(Members current) {
        return EtcdResize.voters(endpoints(current));
    }
}
