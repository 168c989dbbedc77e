package dev.quorumchaos.glue;

import dev.quorumchaos.ensemble.EnsembleView;
import dev.quorumchaos.ensemble.RoleObserver;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberStateChange;
import dev.quorumchaos.report.Progress;

/** Tells the person watching when members change role and when quorum goes and comes back. */
final class RoleChangePrinter implements RoleObserver.Listener {

    private final Progress progress;
    private final History history;
    private long quorumLostAt = -1;
    private boolean hadQuorum;

    RoleChangePrinter(Progress progress, History history) {
        this.progress = progress;
        this.history = history;
    }

    @Override
    public synchronized void changed(MemberStateChange change, EnsembleView before, EnsembleView after) {
        if (!hadQuorum && !after.hasQuorum()) {
            return; // still booting: the first quorum is announced by the deploy step
        }
        if (before.state(change.member()) != change.state()) {
            progress.say("member " + change.member() + ": " + before.state(change.member()).label() + " -> "
                    + change.state().label());
        }
        if (before.hasQuorum() && !after.hasQuorum()) {
            quorumLostAt = change.timeNanos();
            progress.say("quorum lost (" + after.describe() + ")");
        } else if (!before.hasQuorum() && after.hasQuorum()) {
            String leader = "leader: member " + after.leader().orElse(-1);
            progress.say(hadQuorum && quorumLostAt >= 0
                    ? "quorum regained after " + (change.timeNanos() - quorumLostAt) / 1_000_000 + " ms (" + leader + ")"
                    : "quorum (" + leader + ")");
        }
        hadQuorum |= after.hasQuorum();
    }
}
