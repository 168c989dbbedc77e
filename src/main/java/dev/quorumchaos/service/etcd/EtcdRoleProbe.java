package dev.quorumchaos.service.etcd;

import dev.quorumchaos.history.MemberState;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.StatusResponse;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks each etcd member what it is, from the Maintenance Status API: its own member id, the
 * leader it knows, and its raft term. Meant to be polled every 20 ms per member, so it keeps one
 * gRPC channel (one HTTP/2 connection) per member and sends one small unary call per poll; jetcd's
 * {@code statusMember} would build a channel per call.
 *
 * <p>Roles: the member is the leader it names: {@code LEADER}; it names another: {@code FOLLOWER};
 * it names none (candidate, or cut off long enough that its leader lease ran out, as etcd steps a
 * leader down without a quorum): {@code LOOKING}. No answer within the timeout while something
 * accepts the connection (a paused process): {@code UNRESPONSIVE}. Nothing listens:
 * {@code DOWN}. The term is the epoch {@code EnsembleView} compares: members of one term follow
 * one leader.
 */
public final class EtcdRoleProbe implements AutoCloseable {

    /** One poll's answer. {@code memberId} and {@code leaderId} are 0 when the member said nothing. */
    public record Observation(MemberState state, long term, long memberId, long leaderId, long revision,
                              String detail) {
    }

    /** Read by the observer's threads while a member is added or removed. */
    private final List<ManagedChannel> channels = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<MaintenanceGrpc.MaintenanceFutureStub> stubs = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Duration answerTimeout;
    private final EtcdMemberIds ids;

    /** {@code members}: each member's client URL, asked directly so a member whose clients are cut off is still seen. */
    public EtcdRoleProbe(List<URI> members, Duration answerTimeout, EtcdMemberIds ids) {
        this.answerTimeout = answerTimeout;
        this.ids = ids;
        members.forEach(this::add);
    }

    /** Asks a member that joins at the next ordinal too. */
    void add(URI member) {
        ManagedChannel channel = NettyChannelBuilder.forAddress(member.getHost(), member.getPort())
                .usePlaintext()
                .build();
        stubs.add(MaintenanceGrpc.newFutureStub(channel));
        channels.add(channel);
    }

    /** Stops asking the member of the highest ordinal, which has left. */
    void removeLast() {
        int last = channels.size() - 1;
        stubs.remove(last);
        channels.remove(last).shutdownNow();
    }

    public int size() {
        return channels.size();
    }

    public Observation poll(int ordinal) {
        ManagedChannel channel = channels.get(ordinal);
        var call = stubs.get(ordinal).withDeadlineAfter(answerTimeout.toNanos(), TimeUnit.NANOSECONDS)
                .status(StatusRequest.getDefaultInstance());
        try {
            StatusResponse status = call.get(answerTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            long self = status.getHeader().getMemberId();
            long leader = status.getLeader();
            ids.learn(ordinal, self);
            MemberState state = role(self, leader);
            String detail = leader == 0 ? "no leader in term " + status.getRaftTerm() : null;
            return new Observation(state, status.getRaftTerm(), self, leader, status.getHeader().getRevision(), detail);
        } catch (ExecutionException e) {
            Status status = Status.fromThrowable(e.getCause());
            // the channel waits before it dials a refused member again (a member still starting, or
            // restarted): it must be seen at once, not after gRPC's backoff
            if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
                channel.resetConnectBackoff();
            }
            if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
                return unresponsive();
            }
            return new Observation(MemberState.DOWN, -1, 0, 0, -1, describe(e.getCause()));
        } catch (TimeoutException e) {
            call.cancel(true);
            return unresponsive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Observation(MemberState.DOWN, -1, 0, 0, -1, "interrupted");
        }
    }

    /** The member is the leader it names, follows another, or names none (a candidate, or a leader that stepped down). */
    static MemberState role(long self, long leader) {
        return leader == 0 ? MemberState.LOOKING : leader == self ? MemberState.LEADER : MemberState.FOLLOWER;
    }

    private Observation unresponsive() {
        return new Observation(MemberState.UNRESPONSIVE, -1, 0, 0, -1, "no answer within " + answerTimeout.toMillis() + " ms");
    }

    private static String describe(Throwable t) {
        if (t instanceof StatusRuntimeException s) {
            String cause = s.getCause() == null ? "" : ": " + s.getCause().getMessage();
            return s.getStatus().getCode() + (s.getStatus().getDescription() == null ? "" : " " + s.getStatus().getDescription()) + cause;
        }
        return String.valueOf(t);
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        for (ManagedChannel channel : channels) {
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
