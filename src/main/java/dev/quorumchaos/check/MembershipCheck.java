package dev.quorumchaos.check;

import dev.quorumchaos.ensemble.EnsembleView;
import dev.quorumchaos.history.MemberState;

import java.util.List;

/**
 * Whether the ensemble has {@code expected} members: the service lists that many voters, and that
 * many members are observed, all serving. A grow that the service never committed, or a member
 * that joined the list but does not serve, fails it.
 */
public final class MembershipCheck {

    private MembershipCheck() {
    }

    public static Verdict check(int expected, List<String> committed, EnsembleView view) {
        String name = "the ensemble has " + expected + " members";
        int serving = (int) view.states().stream().filter(MemberState::serving).count();
        MembershipEvidence evidence = new MembershipEvidence(expected, List.copyOf(committed), view.size(), serving,
                view.states().stream().map(MemberState::label).toList());
        if (committed.size() != expected) {
            return Verdict.fail(name, "the service lists " + committed.size() + " voting members, not " + expected
                    + ": " + committed, evidence);
        }
        if (view.size() != expected || serving != expected) {
            return Verdict.fail(name, serving + " of " + view.size() + " observed members serve, not " + expected
                    + " (" + view.describe() + ")", evidence);
        }
        return Verdict.pass(name, expected + " voting members, all serving (" + view.describe() + ")", evidence);
    }
}
