package dev.quorumchaos.check;

import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.quorumchaos.check.PublishedEvidence.published;
import static dev.quorumchaos.check.Histories.history;
import static dev.quorumchaos.check.Histories.ms;
import static org.assertj.core.api.Assertions.assertThat;

/** A quorum that does not come back says why each member is out, when the platform or the service knows. */
class QuorumCheckNamesWhyTest {

    private static History twoWipedMembersStayDown() {
        return history().threeMembersUp()
                .fault(1000, "volume loss on member 1", FaultEvent.Phase.APPLY, 1)
                .state(1010, 0, MemberState.DOWN).state(1010, 1, MemberState.DOWN).state(1020, 2, MemberState.LOOKING)
                .build();
    }

    @Test
    void theFailNamesWhatTheServiceSaidAboutEachMemberOut() {
        Verdict v = QuorumCheck.within(twoWipedMembersStayDown(), 3, Duration.ofSeconds(1), ms(2500),
                Map.of(1, "no quorum to re-add member 1: add it back not answered within 2000 ms",
                        0, "no quorum to re-add member 0: remove its old id 1a not answered within 2000 ms"));

        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.summary()).contains("; member 0: no quorum to re-add member 0")
                .contains("; member 1: no quorum to re-add member 1");
        assertThat(v.evidence(QuorumEvidence.class).unavailableMembers()).isEqualTo(new java.util.TreeMap<>(Map.of(
                0, "no quorum to re-add member 0: remove its old id 1a not answered within 2000 ms",
                1, "no quorum to re-add member 1: add it back not answered within 2000 ms")));
    }

    @Test
    void withNothingKnownTheFailIsAsBefore() {
        Verdict v = QuorumCheck.within(twoWipedMembersStayDown(), 3, Duration.ofSeconds(1), ms(2500), Map.of());

        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.summary()).doesNotContain("member 0:");
        assertThat(published(v)).doesNotContainKey("unavailableMembers");
    }
}
