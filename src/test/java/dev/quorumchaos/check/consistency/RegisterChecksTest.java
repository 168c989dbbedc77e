package dev.quorumchaos.check.consistency;

import dev.quorumchaos.check.Outcome;
import dev.quorumchaos.check.Verdict;
import dev.quorumchaos.history.Operation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which verdicts a register history gets under each service's promises. */
class RegisterChecksTest {

    /** A read of absent after an acknowledged write: stale under any promise that a nil read means absent. */
    private static final List<Operation> STALE_ABSENT = new HandWrittenHistory()
            .write(1, "/x", "a", 0, 10)
            .read(1, "/x", null, 20, 30)
            .operations();

    @Test
    void zooKeeperGetsLinearizableWritesAndSessionOrderForItsReads() {
        List<Verdict> verdicts = RegisterChecks.ZOOKEEPER.check(STALE_ABSENT);

        assertThat(verdicts).extracting(Verdict::check)
                .containsExactly(LinearizabilityCheck.NAME, SessionOrderCheck.NAME);
        assertThat(verdicts).extracting(Verdict::outcome).containsExactly(Outcome.PASS, Outcome.FAIL);
    }

    @Test
    void linearizableReadsAreJudgedWithTheWritesAndImplySessionOrder() {
        List<Verdict> verdicts = new RegisterChecks(null, false, true).check(STALE_ABSENT);

        assertThat(verdicts).singleElement().satisfies(v -> {
            assertThat(v.check()).isEqualTo(LinearizabilityCheck.NAME_WITH_READS);
            assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        });
    }

    @Test
    void whereANilReadSaysNothingItConstrainsNothing() {
        List<Verdict> verdicts = new RegisterChecks(null, true, true).check(STALE_ABSENT);

        assertThat(verdicts).singleElement().satisfies(v -> assertThat(v.outcome()).isEqualTo(Outcome.PASS));
        assertThat(RegisterChecks.nilReadsAsUnknown(STALE_ABSENT)).extracting(Operation::type)
                .containsExactly(Operation.Type.INVOKE, Operation.Type.OK, Operation.Type.INVOKE, Operation.Type.INFO);
    }

    @Test
    void onlyOkReadsOfNilBecomeUnknown() {
        List<Operation> history = new HandWrittenHistory()
                .write(1, "/x", "a", 0, 10)
                .read(1, "/x", "a", 20, 30)
                .writeFailed(2, "/x", null, 40, 50)
                .operations();

        assertThat(RegisterChecks.nilReadsAsUnknown(history)).isEqualTo(history);
    }

    @Test
    void theInitialValueIsEveryChecksStartingPoint() {
        List<Operation> readsZero = new HandWrittenHistory().read(1, "/x", "0", 0, 10).operations();

        assertThat(new RegisterChecks("0", false, false).check(readsZero)).extracting(Verdict::outcome)
                .containsExactly(Outcome.PASS, Outcome.PASS);
        assertThat(new RegisterChecks("0", false, true).check(readsZero)).extracting(Verdict::outcome)
                .containsExactly(Outcome.PASS);
        assertThat(new RegisterChecks(null, false, true).check(readsZero)).extracting(Verdict::outcome)
                .containsExactly(Outcome.FAIL);
    }
}
