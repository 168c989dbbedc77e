package dev.quorumchaos.check;

import dev.quorumchaos.check.consistency.LinearizabilityCheck;
import dev.quorumchaos.check.consistency.SessionOrderCheck;
import dev.quorumchaos.history.History;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each kind of evidence says what it judges; the report weighs by that, never by a check's name. */
class EvidenceKindsTest {

    @Test
    void durabilityConsistencyAndMinorityWritesJudgeCorrectnessQuorumAndBudgetsAvailability() {
        Verdict durability = DurabilityCheck.check(List.of(), List.of(), 0);
        Verdict quorum = QuorumCheck.kept(new History(), 3, 0);
        Verdict linearizable = new LinearizabilityCheck().check(List.of());
        Verdict sessions = new SessionOrderCheck().check(List.of());
        Verdict minority = MinorityWritesCheck.check(List.of(), List.of());

        assertThat(List.of(durability, linearizable, sessions, minority)).allSatisfy(v ->
                assertThat(v.evidence().judges()).as(v.check()).isEqualTo(Judges.CORRECTNESS));
        assertThat(quorum.evidence().judges()).isEqualTo(Judges.AVAILABILITY);
        assertThat(Verdict.crashed("check", new IllegalStateException("x")).evidence().judges())
                .isEqualTo(Judges.AVAILABILITY);
    }
}
