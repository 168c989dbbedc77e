package dev.quorumchaos.check.consistency;

import dev.quorumchaos.check.Outcome;
import dev.quorumchaos.check.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.quorumchaos.check.PublishedEvidence.published;
import static org.assertj.core.api.Assertions.assertThat;

class SessionOrderCheckTest {

    private final SessionOrderCheck check = new SessionOrderCheck();

    @Test
    void staleReadAfterOwnWrite() {
        Verdict verdict = check.check(new HandWrittenHistory()
                .write(1, "/x", "a", 0, 10)
                .write(1, "/x", "b", 20, 30)
                .read(1, "/x", "a", 40, 50)
                .operations());

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.check()).isEqualTo("no client saw time go backwards");
        Map<String, Object> violation = firstViolation(verdict);
        assertThat(violation).containsEntry("kind", "stale read after own write").containsEntry("process", 1);
        assertThat(operations(violation)).containsExactly("p1 write a 0..10", "p1 write b 20..30", "p1 read a 40..50");
        assertThat(verdict.summary()).contains("process 1 read /x -> a at 50 ms after its write of b was acknowledged"
                + " at 30 ms", "the write of a completed at 10 ms, before the write of b was invoked at 20 ms");
    }

    @Test
    void aSessionRemembersBothOfTwoValuesNeitherOfWhichIsOlderAndGoingBackBeforeEitherFails() {
        // b's write overlaps both x's and a's, so nothing orders b against them; a is after x
        Verdict verdict = check.check(new HandWrittenHistory()
                .write(1, "/x", "x", 0, 10)
                .write(2, "/x", "a", 20, 30)
                .write(3, "/x", "b", 5, 35)
                .read(4, "/x", "a", 40, 45)
                .read(4, "/x", "b", 50, 55)
                .read(4, "/x", "x", 60, 65)
                .operations());

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.summary()).isEqualTo("1 read(s) went back in time; first: non-monotonic read: process 4"
                + " read /x -> x at 65 ms after it had read a at 45 ms, and the write of x completed at 10 ms, before"
                + " the write of a was invoked at 20 ms");
    }

    @Test
    void ownWriteVanishing() {
        Verdict verdict = check.check(new HandWrittenHistory()
                .write(1, "/x", "a", 0, 10)
                .read(1, "/x", null, 20, 30)
                .operations());

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(firstViolation(verdict)).containsEntry("kind", "stale read after own write");
        assertThat(operations(firstViolation(verdict))).containsExactly("p1 write a 0..10", "p1 read null 20..30");
    }

    @Test
    void nonMonotonicReads() {
        Verdict verdict = check.check(new HandWrittenHistory()
                .write(1, "/x", "a", 0, 10)
                .write(1, "/x", "b", 20, 30)
                .read(2, "/x", "b", 40, 50)
                .read(2, "/x", "a", 60, 70)
                .operations());

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        Map<String, Object> violation = firstViolation(verdict);
        assertThat(violation).containsEntry("kind", "non-monotonic read").containsEntry("process", 2);
        assertThat(operations(violation)).containsExactly(
                "p1 write a 0..10", "p1 write b 20..30", "p2 read b 40..50", "p2 read a 60..70");
        assertThat(published(verdict)).containsEntry("violationsByKind", Map.of("non-monotonic read", 1));
    }

    @Test
    void casChainOrdersOverlappingWrites() {
        Verdict verdict = check.check(new HandWrittenHistory()
                .write(1, "/x", "a", 0, 100)
                .cas(2, "/x", "a", "b", 5, 100)
                .read(3, "/x", "b", 20, 30)
                .read(3, "/x", "a", 40, 50)
                .operations());

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.summary()).contains("b was written by a chain of CASes starting from a");
    }

    @Test
    void orderThroughRealTimeAndCasChainsTogether() {
        // a before b by real time, b before c by a CAS, though a's and c's writes overlap.
        Verdict verdict = check.check(new HandWrittenHistory()
                .write(1, "/x", "a", 0, 10)
                .write(2, "/x", "b", 20, 30)
                .cas(3, "/x", "b", "c", 5, 40)
                .read(4, "/x", "c", 50, 60)
                .read(4, "/x", "a", 70, 80)
                .operations());

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.summary()).contains("real-time order and CAS chains together put a before c");
    }

    @Test
    void overlappingWritesSeenInDifferentOrdersByDifferentSessions() {
        Verdict verdict = check.check(new HandWrittenHistory()
                .write(1, "/x", "a", 0, 100)
                .write(2, "/x", "b", 0, 100)
                .read(3, "/x", "a", 10, 20)
                .read(3, "/x", "b", 30, 40)
                .read(4, "/x", "b", 10, 20)
                .read(4, "/x", "a", 30, 40)
                .operations());

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void anotherSessionMayLagBehind() {
        Verdict verdict = check.check(new HandWrittenHistory()
                .write(1, "/x", "a", 0, 10)
                .write(1, "/x", "b", 20, 30)
                .read(2, "/x", "b", 40, 50)
                .read(3, "/x", "a", 60, 70)
                .read(3, "/x", "b", 80, 90)
                .operations());

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        assertThat(published(verdict)).containsEntry("readsChecked", 3);
    }

    @Test
    void ownWriteWithUnknownOutcomeNeedNotBeSeen() {
        Verdict verdict = check.check(new HandWrittenHistory()
                .write(1, "/x", "a", 0, 10)
                .writeInfo(1, "/x", "b", 20, 30)
                .read(1, "/x", "a", 40, 50)
                .casFailed(1, "/x", "b", "c", 60, 70)
                .read(1, "/x", "a", 80, 90)
                .operations());

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void contradictoryFactsAreLeftToTheLinearizabilityCheck() {
        // b before c by the CAS, c before b by real time: neither is certainly older.
        Verdict verdict = check.check(new HandWrittenHistory()
                .cas(1, "/x", "b", "c", 10, 20)
                .write(2, "/x", "b", 30, 40)
                .read(3, "/x", "c", 50, 60)
                .read(3, "/x", "b", 70, 80)
                .operations());

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void valuesWrittenTwiceAreNotJudgedAndTheVerdictSaysSoRatherThanPass() {
        Verdict verdict = check.check(new HandWrittenHistory()
                .write(1, "/x", "1", 0, 10)
                .write(1, "/x", "2", 20, 30)
                .write(2, "/x", "1", 40, 50)
                .read(1, "/x", "1", 60, 70)
                .read(2, "/x", "1", 80, 90)
                .write(3, "/y", "a", 0, 10)
                .read(4, "/y", "a", 20, 30)
                .operations());

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(verdict.summary()).startsWith("2 read(s) on 1 key(s) not judged, first /x");
        assertThat(published(verdict)).containsEntry("readsNotJudged", 2).containsEntry("readsChecked", 1);
        assertThat(published(verdict).get("keysNotJudged")).isEqualTo(List.of(
                Map.of("key", "/x", "readsNotJudged", 2, "valuesWrittenMoreThanOnce", 1L)));
    }

    @Test
    void aViolationOnAJudgedKeyStillFailsBesideKeysNotJudged() {
        Verdict verdict = check.check(new HandWrittenHistory()
                .write(1, "/x", "1", 0, 10)
                .write(2, "/x", "1", 20, 30)
                .read(1, "/x", "1", 40, 50)
                .write(3, "/y", "a", 0, 10)
                .write(3, "/y", "b", 20, 30)
                .read(3, "/y", "a", 40, 50)
                .operations());

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(published(verdict)).containsEntry("readsNotJudged", 1);
    }

    @Test
    void anInitialValueOrdersLikeAbsentDoes() {
        Verdict verdict = check.startingAt("0").check(new HandWrittenHistory()
                .write(1, "/x", "1", 0, 10)
                .read(1, "/x", "0", 20, 30)
                .operations());

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.summary()).contains("0 was the initial value, held only before the first write");
    }

    @Test
    void syntheticHistoriesPass() {
        for (long seed = 1; seed <= 5; seed++) {
            Verdict verdict = check.check(SyntheticHistories.linearizable(
                    SyntheticHistories.Shape.of(5_000, 10, 3).withSeed(seed).withInfoRate(0.05)));

            assertThat(verdict.outcome()).as(verdict.summary()).isEqualTo(Outcome.PASS);
        }
    }

    @Test
    void aNonMonotonicReadSaysWhatTheSessionHadReadAndWhen() {
        Verdict verdict = check.check(new HandWrittenHistory()
                .write(1, "/x", "a", 0, 10)
                .write(1, "/x", "b", 20, 30)
                .read(2, "/x", "b", 40, 50)
                .read(2, "/x", "a", 60, 70)
                .operations());

        assertThat(verdict.summary()).isEqualTo("1 read(s) went back in time; first: non-monotonic read: process 2"
                + " read /x -> a at 70 ms after it had read b at 50 ms, and the write of a completed at 10 ms, before"
                + " the write of b was invoked at 20 ms");
    }

    @Test
    void aViolationListsItsOperationsInTheOrderTheyWereInvoked() {
        // b's CAS was invoked before a's write, yet expects a: a is older than b
        Verdict verdict = check.check(new HandWrittenHistory()
                .cas(1, "/x", "a", "b", 0, 100)
                .write(2, "/x", "a", 5, 100)
                .read(3, "/x", "b", 120, 130)
                .read(3, "/x", "a", 140, 150)
                .operations());

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(operations(firstViolation(verdict))).containsExactly(
                "p1 cas b 0..100", "p2 write a 5..100", "p3 read b 120..130", "p3 read a 140..150");
        assertThat(firstViolation(verdict).get("read")).asString().contains("index=");
    }

    @Test
    void theKeysNotJudgedCountTheValuesWrittenMoreThanOnceByWritesThatMayHaveHappened() {
        Verdict verdict = check.startingAt("0").check(new HandWrittenHistory()
                .write(1, "/x", "1", 0, 10)
                .writeFailed(2, "/x", "1", 0, 10)
                .writeInfo(1, "/x", "2", 20, 30)
                .write(2, "/x", "2", 20, 30)
                .read(3, "/x", "2", 40, 50)
                .write(1, "/y", "0", 0, 10)
                .read(3, "/y", "0", 20, 30)
                .read(4, "/y", "0", 20, 30)
                .operations());

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNKNOWN);
        // "first" is the key of the first read not judged
        assertThat(verdict.summary()).isEqualTo("3 read(s) on 2 key(s) not judged, first /y: they returned values"
                + " written more than once or by nothing that may have happened, so no order places them; 0 other"
                + " reads never went back in time");
        assertThat(published(verdict).get("keysNotJudged")).isEqualTo(List.of(
                Map.of("key", "/y", "readsNotJudged", 2, "valuesWrittenMoreThanOnce", 1L),
                Map.of("key", "/x", "readsNotJudged", 1, "valuesWrittenMoreThanOnce", 1L)));
    }

    @Test
    void aReadOfAValueNothingWroteIsNotJudged() {
        Verdict verdict = check.check(new HandWrittenHistory()
                .write(1, "/x", "a", 0, 10)
                .writeFailed(1, "/x", "b", 20, 30)
                .read(2, "/x", "b", 40, 50)
                .operations());

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(published(verdict).get("keysNotJudged")).isEqualTo(List.of(
                Map.of("key", "/x", "readsNotJudged", 1, "valuesWrittenMoreThanOnce", 0L)));
    }

    @Test
    void aPassSaysHowManyReadsBySoManySessionsAndClaimsNothingUnjudged() {
        Verdict verdict = check.check(new HandWrittenHistory()
                .write(1, "/x", "a", 0, 10)
                .read(2, "/x", "a", 20, 30)
                .read(3, "/x", null, 20, 30)
                .operations());

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        assertThat(verdict.summary()).isEqualTo("2 reads by 3 sessions never went back in time");
        assertThat(published(verdict)).doesNotContainKeys("readsNotJudged", "keysNotJudged", "violations")
                .containsEntry("sessions", 3).containsEntry("keys", 1);
    }

    @Test
    void writingTheInitialValueAgainLeavesItsReadsUnjudged() {
        // keys start absent; a write of nil (absent) makes "absent" a value written twice
        Verdict verdict = check.check(new HandWrittenHistory()
                .write(1, "/x", "a", 0, 10)
                .write(1, "/x", null, 20, 30)
                .read(2, "/x", null, 40, 50)
                .operations());

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(published(verdict).get("keysNotJudged")).isEqualTo(List.of(
                Map.of("key", "/x", "readsNotJudged", 1, "valuesWrittenMoreThanOnce", 1L)));
    }

    @Test
    void theRealTimeStatementIsMadeOnlyWhenTheWritesDidNotTouch() {
        // a's write completes at the instant c's CAS is invoked: a reaches c through b, not directly
        Verdict verdict = check.check(new HandWrittenHistory()
                .write(1, "/x", "a", 0, 10)
                .write(2, "/x", "b", 11, 20)
                .cas(3, "/x", "b", "c", 10, 30)
                .read(4, "/x", "c", 40, 50)
                .read(4, "/x", "a", 60, 70)
                .operations());

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.summary()).endsWith("and real-time order and CAS chains together put a before c");
    }

    @Test
    void aHistoryIsCheckedAsItsOperations() {
        dev.quorumchaos.history.History history = new dev.quorumchaos.history.History();
        new HandWrittenHistory().write(1, "/x", "a", 0, 10).write(1, "/x", "b", 20, 30).read(1, "/x", "a", 40, 50)
                .operations().forEach(history::append);

        assertThat(check.check(history).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(new LinearizabilityCheck().check(history).outcome()).isEqualTo(Outcome.FAIL);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstViolation(Verdict verdict) {
        return ((List<Map<String, Object>>) published(verdict).get("violations")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<String> operations(Map<String, Object> violation) {
        return ((List<Map<String, Object>>) violation.get("operations")).stream()
                .map(op -> "p" + op.get("process") + " " + op.get("f") + " " + op.get("value") + " "
                        + op.get("invokeMs") + ".." + op.get("completeMs"))
                .toList();
    }
}
