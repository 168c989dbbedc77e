package dev.quorumchaos.glue;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.check.QuorumTimeline;
import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.ensemble.EnsembleView;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberState;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/** The deployed ensemble's members as steps choose them: by ordinal, the leader, followers; and who serves now. */
public final class Members {

    static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);

    private final Deployment deployment;
    private final History history;

    public Members(Deployment deployment, ScenarioClock clock) {
        this.deployment = deployment;
        this.history = clock.history();
    }

    private Ensemble ensemble() {
        return deployment.ensemble();
    }

    public int member(int ordinal) {
        if (ordinal < 0 || ordinal >= ensemble().size()) {
            throw ChaosException.badInput("there is no member " + ordinal + ": members of this "
                    + ensemble().size() + "-member ensemble are numbered 0 to " + (ensemble().size() - 1));
        }
        return ordinal;
    }

    /** The current leader; waits for one if an election is under way. */
    public int leader() {
        await("a leader to kill or pause").atMost(LEADER_TIMEOUT).pollInterval(Duration.ofMillis(10))
                .until(() -> ensemble().view().leader().isPresent());
        return ensemble().view().leader().getAsInt();
    }

    /**
     * The first {@code count} followers; waits, as for a leader, while members are too busy to say
     * what they are (a loaded machine stalls them all at once).
     */
    public List<Integer> followers(int count) {
        if (count > ensemble().size() - 1) {
            throw ChaosException.badInput("cannot pick " + count + " followers: a " + ensemble().size()
                    + "-member ensemble has at most " + (ensemble().size() - 1));
        }
        leader();
        AtomicReference<EnsembleView> view = new AtomicReference<>(ensemble().refresh());
        try {
            await(count + " followers to pick").atMost(LEADER_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> view.updateAndGet(v -> v.followers().size() >= count ? v : ensemble().refresh())
                            .followers().size() >= count);
        } catch (ConditionTimeoutException e) {
            throw new ChaosException("cannot pick " + count + " followers: not as many within "
                    + LEADER_TIMEOUT.toSeconds() + " s (last seen: " + view.get().describe() + ")");
        }
        return view.get().followers().subList(0, count);
    }

    /** Whether a quorum serves now, judged on the leader's side of any partition in place. */
    public boolean quorumNow() {
        return ensemble().view().hasQuorum(QuorumTimeline.activeCuts(history.faultEvents(), history.now()));
    }

    /** Whether every member serves now. */
    public boolean allServing() {
        return ensemble().view().states().stream().allMatch(MemberState::serving);
    }

    /** What the platform or the service says about each member not serving now. */
    public Map<Integer, String> whyUnavailable() {
        Map<Integer, String> why = new TreeMap<>();
        List<MemberState> states = ensemble().view().states();
        for (int i = 0; i < states.size(); i++) {
            if (!states.get(i).serving()) {
                int member = i;
                ensemble().whyUnavailable(i).ifPresent(reason -> why.put(member, reason));
            }
        }
        return why;
    }
}
