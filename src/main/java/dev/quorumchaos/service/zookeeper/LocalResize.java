package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.ensemble.Resize;
import dev.quorumchaos.history.MemberState;
import dev.quorumchaos.platform.local.LocalTarget;
import org.awaitility.core.ConditionTimeoutException;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Grows and shrinks a local ZooKeeper ensemble the way ZooKeeper's reconfiguration guide says:
 * a new server starts with the committed server list plus its own line, syncs with the leader as
 * a non-voting follower, and {@code reconfig -add} makes it a voter; a leaving server is taken out
 * by {@code reconfig -remove} first (if it led, the leader hands leadership to another member as
 * the new configuration commits) and only then stopped.
 */
final class LocalResize {

    /** A joining member starts from a standby and syncs a near-empty database: seconds, even under load. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);

    private final LocalEnsemble ensemble;

    LocalResize(LocalEnsemble ensemble) {
        this.ensemble = ensemble;
    }

    Resize grow() {
        int ordinal = ensemble.size();
        if (ordinal >= EnsembleSpec.MAX_SIZE) {
            throw ChaosException.badInput("cannot grow past " + EnsembleSpec.MAX_SIZE + " members");
        }
        Reconfiguration reconfig = new Reconfiguration(ensemble.connectString());
        String servers = reconfig.servers();
        MemberPorts real = freshPorts();
        String line = MemberConfig.serverLine(ordinal, real);
        ensemble.startNewMember(real, servers + line + "\n");
        String config = reconfig.add(line);
        String detail = "reconfig -add " + line + " committed, config version " + Reconfiguration.version(config);
        awaitServing(ordinal, detail);
        ensemble.observer().resize(ordinal + 1, detail);
        return new Resize(ordinal, true, false, detail);
    }

    Resize shrink() {
        int ordinal = ensemble.size() - 1;
        if (ordinal < 1) {
            throw ChaosException.badInput("cannot shrink a 1-member ensemble: it would have no member left");
        }
        boolean wasLeader = ensemble.refresh().leader().orElse(-1) == ordinal;
        // asked through the members that stay, so the session does not end with the member leaving
        StringBuilder staying = new StringBuilder();
        for (int i = 0; i < ordinal; i++) {
            staying.append(i == 0 ? "" : ",").append(ensemble.connectString(i));
        }
        String config = new Reconfiguration(staying.toString()).remove(MemberConfig.myid(ordinal));
        String detail = "reconfig -remove " + MemberConfig.myid(ordinal) + " committed, config version "
                + Reconfiguration.version(config) + (wasLeader ? "; it led, so leadership moved to a remaining member" : "");
        ensemble.observer().resize(ordinal, detail);
        ensemble.stopLastMember();
        return new Resize(ordinal, false, wasLeader, detail);
    }

    private void awaitServing(int ordinal, String detail) {
        try {
            await("member " + ordinal + " serving after " + detail).atMost(JOIN_TIMEOUT)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> servingState(ordinal).serving());
        } catch (ConditionTimeoutException e) {
            throw new ChaosException("member " + ordinal + " does not serve " + JOIN_TIMEOUT.toSeconds()
                    + " s after " + detail + " (it says: " + servingState(ordinal).label() + ")");
        }
    }

    private MemberState servingState(int ordinal) {
        try {
            return SrvrAnswer.read(FourLetterWord.ask(ensemble.realClientAddress(ordinal), "srvr",
                    (int) LocalEnsemble.ANSWER_TIMEOUT.toMillis())).state();
        } catch (java.io.IOException | RuntimeException e) {
            return MemberState.DOWN;
        }
    }

    /** Three ports for the new member, held until its proxies are open so that none takes one. */
    private static MemberPorts freshPorts() {
        List<ServerSocket> held = new ArrayList<>();
        try {
            return new MemberPorts(LocalTarget.freePort(held), LocalTarget.freePort(held), LocalTarget.freePort(held));
        } finally {
            LocalTarget.releasePorts(held);
        }
    }
}
