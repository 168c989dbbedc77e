package dev.quorumchaos.ensemble;

import dev.quorumchaos.history.MemberState;

import java.io.IOException;

/**
 * How the observer asks one member what it is, in generic roles. Each service answers its own
 * way: ZooKeeper's {@code srvr}, etcd's Maintenance Status; on Kubernetes through a stream out of
 * the member's pod.
 */
@FunctionalInterface
public interface RoleProbe {

    /**
     * What a member said about itself.
     *
     * @param epoch the leader's term as the member knows it (ZooKeeper's epoch, etcd's raft term), -1 if unknown
     */
    record Answer(MemberState state, long epoch) {

        public static Answer of(MemberState state, long epoch) {
            return new Answer(state, state.serving() ? epoch : -1);
        }
    }

    /**
     * The member's answer, given after this call began.
     *
     * @throws java.net.SocketTimeoutException when the member accepts but does not answer in time (paused)
     * @throws IOException                     when nothing answers (down), with why
     */
    Answer ask(int ordinal, int timeoutMillis) throws IOException;
}
