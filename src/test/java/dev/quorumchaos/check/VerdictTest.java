package dev.quorumchaos.check;

import dev.quorumchaos.check.consistency.LinearizabilityCheck;
import dev.quorumchaos.check.consistency.SessionOrderCheck;
import dev.quorumchaos.history.Operation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.quorumchaos.check.PublishedEvidence.published;
import static org.assertj.core.api.Assertions.assertThat;

/** What every verdict promises, whatever the check. */
class VerdictTest {

    @Test
    void mergingKeepsTheWorstFailBeatsUnknownBeatsPass() {
        assertThat(Outcome.PASS.merge(Outcome.PASS)).isEqualTo(Outcome.PASS);
        assertThat(Outcome.PASS.merge(Outcome.UNKNOWN)).isEqualTo(Outcome.UNKNOWN);
        assertThat(Outcome.UNKNOWN.merge(Outcome.PASS)).isEqualTo(Outcome.UNKNOWN);
        assertThat(Outcome.UNKNOWN.merge(Outcome.FAIL)).isEqualTo(Outcome.FAIL);
        assertThat(Outcome.FAIL.merge(Outcome.UNKNOWN)).isEqualTo(Outcome.FAIL);
        assertThat(Outcome.FAIL.merge(Outcome.FAIL)).isEqualTo(Outcome.FAIL);
        assertThat(Outcome.UNKNOWN.label()).isEqualTo("unknown");
    }

    @Test
    void onlyAPassPasses() {
        Evidence none = MinorityWritesEvidence.NO_PARTITION;
        assertThat(Verdict.pass("c", "s", none).passed()).isTrue();
        assertThat(Verdict.unknown("c", "s", none).passed()).isFalse();
        assertThat(Verdict.fail("c", "s", none).passed()).isFalse();
    }

    @Test
    void aCheckThatCrashesSaysUnknownNeverPass() {
        // a history with a hole in it: both checks fall over on it
        List<Operation> broken = java.util.Arrays.asList(
                new Operation(0, 1, Operation.Type.INVOKE, Operation.Fn.WRITE, "/x", "a", null, 0, 0, null), null);

        for (Verdict v : List.of(new LinearizabilityCheck().check(broken), new SessionOrderCheck().check(broken))) {
            assertThat(v.outcome()).as(v.check() + ": " + v.summary()).isEqualTo(Outcome.UNKNOWN);
            assertThat(v.summary()).startsWith("the check itself failed: java.lang.NullPointerException");
            assertThat(published(v)).containsKey("exception");
            assertThat(v.evidence().judges()).as("a crashed correctness check still counts as one")
                    .isEqualTo(Judges.CORRECTNESS);
        }
    }
}
