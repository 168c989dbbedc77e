package dev.quorumchaos.check.consistency;

import dev.quorumchaos.check.Outcome;
import dev.quorumchaos.check.Verdict;
import dev.quorumchaos.history.Operation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.quorumchaos.check.PublishedEvidence.published;
import static org.assertj.core.api.Assertions.assertThat;

class LinearizabilityCheckTest {

    private final LinearizabilityCheck check = new LinearizabilityCheck();

    @Nested
    class ValidHistoriesPass {

        @Test
        void sequentialWritesReadsAndCases() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .read(1, "/x", null, 0, 5)
                    .write(1, "/x", "a", 10, 20)
                    .read(2, "/x", "a", 30, 40)
                    .cas(2, "/x", "a", "b", 50, 60)
                    .casFailed(1, "/x", "a", "c", 70, 80)
                    .read(1, "/x", "b", 90, 100)
                    .operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
            assertThat(verdict.check()).isEqualTo("linearizable reads and writes");
            assertThat(check.ignoringReads().check(List.of()).check()).isEqualTo("linearizable writes");
        }

        @Test
        void overlappingWritesMayTakeEffectInEitherOrder() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 100)
                    .write(2, "/x", "b", 10, 50)
                    .read(3, "/x", "b", 20, 30)
                    .read(4, "/x", "a", 60, 70)
                    .read(5, "/x", "a", 80, 90)
                    .operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        }

        @Test
        void concurrentReadsOfOldAndNewValueAroundAWrite() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 10)
                    .write(1, "/x", "b", 20, 60)
                    .read(2, "/x", "b", 25, 35)
                    .read(3, "/x", "a", 15, 40)
                    .cas(4, "/x", "b", "c", 30, 70)
                    .read(2, "/x", "c", 71, 80)
                    .operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        }

        @Test
        void infoWriteTakingEffectLongAfterTheClientGaveUp() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .writeInfo(1, "/x", "late", 0, 10)
                    .write(2, "/x", "b", 20, 30)
                    .read(3, "/x", "b", 40, 50)
                    .read(3, "/x", "late", 60, 70)
                    .operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        }

        @Test
        void infoAndUnfinishedWritesThatNeverTookEffect() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .writeInfo(1, "/x", "lost", 0, 10)
                    .read(2, "/x", null, 20, 30)
                    .write(2, "/x", "b", 40, 50)
                    .writeNeverCompleted(3, "/x", "pending", 55)
                    .casInfo(1, "/x", "b", "maybe", 60, 65)
                    .read(2, "/x", "b", 70, 80)
                    .operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        }

        @Test
        void infoCasChainObservedOnlyAtItsEnd() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 10)
                    .casInfo(2, "/x", "a", "b", 20, 30)
                    .casInfo(3, "/x", "b", "c", 25, 35)
                    .read(4, "/x", "a", 40, 45)
                    .read(4, "/x", "c", 300, 310)
                    .operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        }

        @Test
        void keysAreIndependentRegisters() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 10)
                    .write(2, "/y", "a", 0, 10)
                    .read(3, "/x", "a", 20, 30)
                    .read(3, "/y", "a", 40, 50)
                    .operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
            assertThat(published(verdict)).containsEntry("keys", 2);
        }

        @Test
        void repeatedValuesFallBackToTheGeneralSearch() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "1", 0, 10)
                    .write(2, "/x", "2", 20, 30)
                    .writeInfo(3, "/x", "1", 35, 40)
                    .read(1, "/x", "1", 50, 60)
                    .operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        }

        @Test
        void fiveThousandSyntheticOperations() {
            List<Operation> history = SyntheticHistories.linearizable(SyntheticHistories.Shape.of(5_000, 10, 3));

            Verdict verdict = check.check(history);

            assertThat(verdict.outcome()).as(verdict.summary()).isEqualTo(Outcome.PASS);
            assertThat(published(verdict)).containsEntry("keys", 3);
        }

        @Test
        void syntheticHistoriesWithManyInfoOperations() {
            for (long seed = 1; seed <= 20; seed++) {
                List<Operation> history = SyntheticHistories.linearizable(
                        new SyntheticHistories.Shape(600, 6, 1, 0.2, seed));

                assertThat(check.check(history).outcome()).as("seed " + seed).isEqualTo(Outcome.PASS);
            }
        }
    }

    @Nested
    class AnomaliesFail {

        @Test
        void lostWrite() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 10)
                    .read(3, "/x", "a", 12, 18)
                    .write(2, "/x", "b", 20, 30)
                    .read(3, "/x", "a", 40, 50)
                    .read(4, "/x", "a", 60, 70)
                    .operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(counterexample(verdict)).containsExactlyInAnyOrder(
                    "p1 write a ok 0..10", "p2 write b ok 20..30", "p3 read a ok 40..50");
            assertThat(verdict.summary()).contains("/x", "process 3 read a although b had replaced it");
            assertThat(firstCounterexample(verdict)).containsEntry("minimal", true).containsEntry("key", "/x");
        }

        @Test
        void readOfAbsentKeyAfterAnAcknowledgedWrite() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 10)
                    .read(2, "/x", null, 20, 30)
                    .operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(counterexample(verdict)).containsExactlyInAnyOrder("p1 write a ok 0..10", "p2 read null ok 20..30");
        }

        @Test
        void writeOrderViolatingRealTime() {
            // b is read before a's reader is invoked, and a's write completed before b's was invoked:
            // a reader seeing a after someone saw b puts b before a, against real time.
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 10)
                    .write(2, "/x", "b", 20, 100)
                    .read(3, "/x", "b", 30, 40)
                    .read(4, "/x", "a", 50, 60)
                    .operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(counterexample(verdict)).containsExactlyInAnyOrder(
                    "p1 write a ok 0..10", "p2 write b ok 20..100", "p3 read b ok 30..40", "p4 read a ok 50..60");
        }

        @Test
        void casChainContradictingRealTime() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 5)
                    .cas(2, "/x", "b", "c", 10, 20)
                    .cas(3, "/x", "a", "b", 30, 40)
                    .operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
            // The write of a stays: without it p3's CAS would fail for another reason.
            assertThat(counterexample(verdict)).containsExactlyInAnyOrder(
                    "p1 write a ok 0..5", "p2 cas c ok 10..20", "p3 cas b ok 30..40");
            assertThat(verdict.summary()).contains("CAS succeeded against b before its write was invoked");
        }

        @Test
        void casSucceedingAgainstAValueThatWasNoLongerCurrent() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 10)
                    .write(2, "/x", "b", 20, 30)
                    .cas(3, "/x", "a", "c", 40, 50)
                    .read(1, "/x", "c", 60, 70)
                    .operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(counterexample(verdict)).containsExactlyInAnyOrder(
                    "p1 write a ok 0..10", "p2 write b ok 20..30", "p3 cas c ok 40..50");
        }

        @Test
        void twoCasesSucceedingAgainstTheSameValue() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 10)
                    .cas(2, "/x", "a", "b", 20, 30)
                    .cas(3, "/x", "a", "c", 20, 30)
                    .operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(counterexample(verdict)).containsExactlyInAnyOrder(
                    "p1 write a ok 0..10", "p2 cas b ok 20..30", "p3 cas c ok 20..30");
            assertThat(verdict.summary()).contains("two CASes both succeeded against a");
        }

        @Test
        void twoAcknowledgedCreatesOfOneRegister() {
            // ZooKeeper's create succeeds only on a missing znode: a CAS from absent. Both ok with
            // nothing deleting the key between them is what a majority losing its data looks like.
            Verdict verdict = check.ignoringReads().check(new HandWrittenHistory()
                    .cas(1, "/r0", null, "p1-0", 0, 10)
                    .cas(2, "/r0", "p1-0", "p2-1", 20, 30)
                    .read(3, "/r0", null, 40, 50)
                    .cas(3, "/r0", null, "p3-2", 60, 70)
                    .operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(counterexample(verdict)).containsExactly("p1 cas p1-0 ok 0..10", "p3 cas p3-2 ok 60..70");
            assertThat(verdict.summary()).contains("two creates both succeeded",
                    "process 1 create /r0=p1-0 [0..10 ms]", "process 3 create /r0=p3-2 [60..70 ms]");
        }

        @Test
        void aWriteOfTheInitialValueIsNotNeededToReadIt() {
            List<Operation> history = new HandWrittenHistory()
                    .read(1, "/x", "0", 0, 10)
                    .cas(2, "/x", "0", "1", 20, 30)
                    .read(1, "/x", "0", 40, 50)
                    .operations();

            assertThat(check.check(history).outcome()).isEqualTo(Outcome.FAIL);
            Verdict verdict = check.startingAt("0").check(history);
            assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(verdict.summary()).contains("process 1 read 0 although 1 had replaced it");
            assertThat(check.startingAt("0").check(history.subList(0, 4)).outcome()).isEqualTo(Outcome.PASS);
        }

        @Test
        void failedWriteThatTookEffect() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 10)
                    .writeFailed(2, "/x", "b", 20, 30)
                    .read(3, "/x", "b", 40, 50)
                    .operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(counterexample(verdict)).containsExactly("p3 read b ok 40..50");
            assertThat(verdict.summary()).contains("process 3 read b, which no operation wrote");
        }

        @Test
        void infoWriteSeenThenLost() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .writeInfo(1, "/x", "a", 0, 10)
                    .read(2, "/x", "a", 20, 30)
                    .read(2, "/x", null, 40, 50)
                    .operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(counterexample(verdict)).containsExactlyInAnyOrder(
                    "p1 write a info 0..10", "p2 read a ok 20..30", "p2 read null ok 40..50");
        }

        @Test
        void repeatedValuesWithAStaleRead() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "1", 0, 10)
                    .write(2, "/x", "2", 20, 30)
                    .write(1, "/x", "2", 40, 50)
                    .read(3, "/x", "1", 60, 70)
                    .operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(firstCounterexample(verdict)).containsEntry("minimal", false);
            assertThat(firstCounterexample(verdict).get("culprit")).asString().contains("read");
        }

        @Test
        void staleReadHiddenInALongSyntheticHistory() {
            List<Operation> valid = SyntheticHistories.linearizable(SyntheticHistories.Shape.of(5_000, 10, 3));
            List<Operation> history = SyntheticHistories.withOneStaleRead(valid, 7);
            assertThat(history).isNotEqualTo(valid);

            Verdict verdict = check.check(history);

            assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(published(verdict).get("failingKeys")).asList().hasSize(1);
            assertThat(counterexample(verdict)).hasSizeBetween(2, 6);
        }

        @Test
        void readsCanBeLeftOutForZooKeepersUnsyncedReads() {
            List<Operation> staleRead = new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 10)
                    .write(2, "/x", "b", 20, 30)
                    .read(3, "/x", "a", 40, 50)
                    .operations();

            assertThat(check.ignoringReads().check(staleRead).outcome()).isEqualTo(Outcome.PASS);
            assertThat(published(check.ignoringReads().check(staleRead))).containsEntry("readsChecked", false);
        }
    }

    @Nested
    class HardHistoriesAreUnknown {

        /** Twenty overlapping writes nobody read, then a read of the absent key: every subset and order must be refuted. */
        private List<Operation> pathological() {
            HandWrittenHistory history = new HandWrittenHistory();
            for (int p = 0; p < 20; p++) {
                history.write(p, "/hard", "v" + p, p, 1_000 + p);
            }
            history.write(50, "/easy", "a", 0, 10).read(50, "/easy", "a", 20, 30);
            return history.read(99, "/hard", null, 2_000, 2_010).operations();
        }

        @Test
        void configurationBudgetNamesTheKeyThatWasTooHard() {
            long started = System.nanoTime();

            Verdict verdict = check.withBudget(new SearchBudget(50_000, Duration.ofSeconds(30))).check(pathological());

            assertThat(verdict.outcome()).isEqualTo(Outcome.UNKNOWN);
            assertThat(verdict.summary()).contains("/hard", "50000 configurations");
            assertThat(published(verdict).get("tooHardKeys")).asList().hasSize(1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }

        @Test
        void timeBudget() {
            Verdict verdict = check.withBudget(new SearchBudget(1_000_000, Duration.ofMillis(50))).check(pathological());

            assertThat(verdict.outcome()).isEqualTo(Outcome.UNKNOWN);
            assertThat(verdict.summary()).contains("/hard", "time limit of 50 ms");
        }

        @Test
        void aViolationBeyondTheBudgetIsStillFoundLocally() {
            // Here passing the 4 000 ops would take about 9 000 configurations and refuting every order of
            // them about 38 000; the stale read is found in a few ms of history around where the search ran out.
            List<Operation> history = SyntheticHistories.withOneStaleRead(
                    SyntheticHistories.linearizable(SyntheticHistories.Shape.of(5_000, 10, 1)), 3);

            Verdict verdict = check.withBudget(new SearchBudget(15_000, Duration.ofSeconds(30))).check(history);

            assertThat(verdict.outcome()).as(verdict.summary()).isEqualTo(Outcome.FAIL);
            assertThat(counterexample(verdict)).hasSizeBetween(2, 6);
        }

        @Test
        void aFailureElsewhereStillFails() {
            List<Operation> history = new java.util.ArrayList<>(pathological());
            history.addAll(new HandWrittenHistory()
                    .write(60, "/broken", "a", 3_000, 3_010)
                    .read(61, "/broken", null, 3_020, 3_030)
                    .operations().stream()
                    .map(op -> new Operation(op.index() + 1_000, op.process(), op.type(), op.f(), op.key(),
                            op.value(), op.expected(), op.member(), op.timeNanos(), op.error()))
                    .toList());

            Verdict verdict = check.withBudget(new SearchBudget(50_000, Duration.ofSeconds(30))).check(history);

            assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(published(verdict).get("failingKeys")).asList().containsExactly("/broken");
            assertThat(published(verdict).get("tooHardKeys")).asList().hasSize(1);
        }
    }

    @Nested
    class MalformedHistoriesAndEvidence {

        @Test
        void aCompletionWithoutItsInvocationIsLeftOutAndCounted() {
            List<Operation> history = new java.util.ArrayList<>(new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 10)
                    .read(3, "/x", "a", 20, 30)
                    .operations());
            // process 2 reports a write of b it never invoked: it says nothing about when b could take effect
            history.add(2, new Operation(99, 2, Operation.Type.OK, Operation.Fn.WRITE, "/x", "b", null, 1,
                    15_000_000, null));

            Verdict verdict = check.check(history);
            Verdict sessions = new SessionOrderCheck().check(history);

            assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
            assertThat(published(verdict)).containsEntry("completionsWithoutInvoke", 1)
                    .doesNotContainKey("invokesNeverCompleted").containsEntry("operations", 2);
            assertThat(published(sessions)).containsEntry("completionsWithoutInvoke", 1);
        }

        @Test
        void aProcessInvokingAgainLeavesItsFirstOperationOpenAsMaybeTakenEffect() {
            List<Operation> history = new HandWrittenHistory()
                    .writeNeverCompleted(1, "/x", "a", 0)
                    .write(1, "/x", "b", 20, 30)
                    .read(2, "/x", "a", 40, 50)
                    .writeNeverCompleted(3, "/x", "c", 60)
                    .operations();

            Verdict verdict = check.check(history);
            Verdict sessions = new SessionOrderCheck().check(history);

            // a may have taken effect after b: the read of a is no violation
            assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
            assertThat(published(verdict)).containsEntry("invokesNeverCompleted", 2)
                    .doesNotContainKey("completionsWithoutInvoke");
            assertThat(published(sessions)).containsEntry("invokesNeverCompleted", 2);
        }

        @Test
        void aPassSaysHowManyOperationsOnHowManyKeysWereOrdered() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 10)
                    .read(2, "/x", "a", 20, 30)
                    .writeFailed(2, "/x", "b", 40, 50)
                    .write(1, "/y", "c", 0, 10)
                    .operations());

            assertThat(verdict.summary()).isEqualTo("3 operations on 2 key(s) have a linearization");
            assertThat(published(verdict)).containsEntry("keys", 2).containsEntry("operations", 3)
                    .containsEntry("readsChecked", true);
        }

        @Test
        void theConfigurationsExploredAreSummedOverKeysAndTheHardestKeyIsNamed() {
            HandWrittenHistory easy = new HandWrittenHistory().write(1, "/easy", "a", 0, 10).read(2, "/easy", "a", 20, 30);
            HandWrittenHistory hard = new HandWrittenHistory();
            for (int p = 0; p < 6; p++) {
                hard.write(p, "/hard", "v" + p, p, 100 + p);
            }
            hard.read(9, "/hard", "v0", 200, 210);
            long easyCost = configurations(check.check(easy.operations()));
            long hardCost = configurations(check.check(hard.operations()));
            List<Operation> both = new java.util.ArrayList<>(easy.operations());
            hard.operations().forEach(op -> both.add(new Operation(op.index() + 100, op.process() + 100, op.type(),
                    op.f(), op.key(), op.value(), op.expected(), op.member(), op.timeNanos(), op.error())));

            Verdict verdict = check.check(both);

            assertThat(hardCost).isGreaterThan(easyCost);
            assertThat(configurations(verdict)).isEqualTo(easyCost + hardCost);
            assertThat(published(verdict)).containsEntry("hardestKey", Map.of("key", "/hard", "configurations", hardCost));
        }

        @Test
        void amongKeysThatCostTheSameTheFirstIsTheHardest() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/a", "x", 0, 10).read(2, "/a", "x", 20, 30)
                    .write(3, "/b", "x", 0, 10).read(4, "/b", "x", 20, 30)
                    .operations());

            assertThat(published(verdict).get("hardestKey")).asString().contains("key=/a");
        }

        @Test
        void aReadOfTheInitialValueMayBeTheInitialValueEvenWhenItIsWrittenAgainLater() {
            Verdict verdict = check.startingAt("0").check(new HandWrittenHistory()
                    .read(1, "/x", "0", 0, 5)
                    .writeInfo(2, "/x", "0", 10, 20)
                    .operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        }

        @Test
        void theTimeTheCheckTookIsItsOwn() {
            long started = System.nanoTime();
            Verdict verdict = check.check(SyntheticHistories.linearizable(SyntheticHistories.Shape.of(2_000, 5, 2)));
            long tookMs = (System.nanoTime() - started) / 1_000_000;

            assertThat((Long) published(verdict).get("elapsedMs")).isBetween(0L, tookMs);
        }

        @Test
        void theConfigurationLimitIsInclusive() {
            List<Operation> history = new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 100).write(2, "/x", "b", 0, 100).write(3, "/x", "c", 0, 100)
                    .read(4, "/x", "c", 110, 120)
                    .operations();
            long needed = configurations(check.check(history));

            Verdict enough = check.withBudget(new SearchBudget(needed, Duration.ofSeconds(30))).check(history);
            Verdict oneShort = check.withBudget(new SearchBudget(needed - 1, Duration.ofSeconds(30))).check(history);

            assertThat(enough.outcome()).isEqualTo(Outcome.PASS);
            assertThat(oneShort.outcome()).isEqualTo(Outcome.UNKNOWN);
            assertThat(oneShort.summary()).isEqualTo("1 key(s) too hard to decide within the budget, first /x (limit of "
                    + (needed - 1) + " configurations)");
            assertThat(published(oneShort)).containsEntry("tooHardKeys", List.of(Map.of("key", "/x", "operations", 4,
                    "configurationsExplored", needed, "limit", "limit of " + (needed - 1) + " configurations")));
        }

        @Test
        void aSearchBudgetIsPositive() {
            assertThat(new SearchBudget(1, Duration.ofNanos(1)).maxConfigurations()).isEqualTo(1);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SearchBudget(0, Duration.ofSeconds(1)))
                    .hasMessage("a search budget must be positive: 0 configurations, PT1S");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SearchBudget(1, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SearchBudget(1, Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void withRepeatedValuesTheCounterexampleIsTheOpThatCouldNotBePlacedAndWhatOverlappedIt() {
            // 2 is written twice, so no subset can be proven a counterexample: the check shows the read it
            // could not place with every op whose window touches it, and no others
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "1", 0, 10)
                    .write(2, "/x", "2", 20, 30)
                    .write(1, "/x", "2", 40, 50)
                    .writeInfo(4, "/x", "3", 42, 45)
                    .write(5, "/x", "4", 52, 59)
                    .write(6, "/x", "5", 53, 60)
                    .read(3, "/x", "1", 60, 70)
                    .write(7, "/x", "6", 70, 90)
                    .write(8, "/x", "7", 71, 90)
                    .operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(firstCounterexample(verdict)).containsEntry("minimal", false);
            assertThat(counterexample(verdict)).containsExactly("p4 write 3 info 42..45", "p6 write 5 ok 53..60",
                    "p3 read 1 ok 60..70", "p7 write 6 ok 70..90");
        }

        @Test
        void withRepeatedValuesAtMostTwentyOpsAreShown() {
            HandWrittenHistory history = new HandWrittenHistory()
                    .write(1, "/x", "1", 0, 10)
                    .write(2, "/x", "2", 20, 30)
                    .write(1, "/x", "2", 40, 50);
            for (int p = 10; p < 40; p++) {
                history.read(p, "/x", "2", 55, 65);
            }
            Verdict verdict = check.check(history.read(3, "/x", "1", 60, 70).operations());

            assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(counterexample(verdict)).hasSize(20).contains("p3 read 1 ok 60..70");
        }

        @Test
        void aCompareAndSetShowsTheValueItExpectedAndAWriteShowsNone() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 5)
                    .cas(2, "/x", "b", "c", 10, 20)
                    .cas(3, "/x", "a", "b", 30, 40)
                    .operations());

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> ops = (List<Map<String, Object>>) firstCounterexample(verdict).get("operations");
            assertThat(ops.get(0)).doesNotContainKey("expected").containsEntry("f", "write");
            assertThat(ops.get(1)).containsEntry("expected", "b").containsEntry("f", "cas");
            assertThat(firstCounterexample(verdict).get("culprit")).isIn(ops);
        }

        @Test
        void keysAreNamedInTheOrderTheirFirstOperationWasInvoked() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/b", "b1", 0, 100)
                    .read(2, "/b", null, 110, 120)
                    .write(3, "/a", "a1", 10, 20)
                    .read(4, "/a", null, 30, 40)
                    .operations());

            assertThat(published(verdict)).containsEntry("failingKeys", List.of("/b", "/a"));
            assertThat(verdict.summary()).startsWith("2 key(s) not linearizable; on /b, ");
        }
    }

    @Nested
    class Explanations {

        @Test
        void aValueReadAfterItWasOverwritten() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 10)
                    .write(2, "/x", "b", 20, 30)
                    .read(3, "/x", "a", 40, 50)
                    .operations());

            assertThat(verdict.summary()).isEqualTo("1 key(s) not linearizable; on /x, process 3 read a although b"
                    + " had replaced it and was acknowledged at 30 ms: process 1 write /x=a [0..10 ms]; process 2"
                    + " write /x=b [20..30 ms]; process 3 read /x -> a [40..50 ms]");
        }

        @Test
        void twoCompareAndSetsFromAValueWrittenOnce() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 10)
                    .cas(2, "/x", "a", "b", 20, 30)
                    .cas(3, "/x", "a", "c", 20, 30)
                    .operations());

            assertThat(verdict.summary()).startsWith("1 key(s) not linearizable; on /x, two CASes both succeeded"
                    + " against a, which was written once: ");
        }

        @Test
        void twoCompareAndSetsFromTheInitialValue() {
            Verdict verdict = check.startingAt("0").check(new HandWrittenHistory()
                    .cas(2, "/x", "0", "b", 20, 30)
                    .cas(3, "/x", "0", "c", 40, 50)
                    .operations());

            assertThat(verdict.summary()).startsWith("1 key(s) not linearizable; on /x, two CASes both succeeded"
                    + " against 0, the initial value, which nothing wrote again: ");
        }

        @Test
        void aReadEndingTheInstantItsValuesWriteBeganOverlapsItAndIsNotCalledEarly() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .read(1, "/x", "v", 0, 10)
                    .write(2, "/x", "v", 10, 20)
                    .write(3, "/x", "u", 12, 14)
                    .read(4, "/x", "v", 15, 16)
                    .operations());

            assertThat(verdict.summary()).isEqualTo("1 key(s) not linearizable; on /x, no order of these 4 operations"
                    + " respects both real time and the register: process 1 read /x -> v [0..10 ms]; process 2 write"
                    + " /x=v [10..20 ms]; process 3 write /x=u [12..14 ms]; process 4 read /x -> v [15..16 ms]");
        }

        @Test
        void aWriteAcknowledgedTheInstantTheReadBeganOverlapsItAndIsNotSaidToHaveReplacedTheValueFirst() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 10)
                    .write(2, "/x", "b", 20, 30)
                    .read(4, "/x", "b", 25, 29)
                    .read(3, "/x", "a", 30, 40)
                    .operations());

            assertThat(verdict.summary()).isEqualTo("1 key(s) not linearizable; on /x, no order of these 4 operations"
                    + " respects both real time and the register: process 1 write /x=a [0..10 ms]; process 2 write"
                    + " /x=b [20..30 ms]; process 4 read /x -> b [25..29 ms]; process 3 read /x -> a [30..40 ms]");
        }

        @Test
        void aWriteInvokedTheInstantTheValueWasAcknowledgedOverlapsItAndIsNotSaidToHaveReplacedIt() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 10)
                    .write(2, "/x", "b", 10, 20)
                    .read(4, "/x", "b", 25, 28)
                    .read(3, "/x", "a", 30, 40)
                    .operations());

            assertThat(verdict.summary()).isEqualTo("1 key(s) not linearizable; on /x, no order of these 4 operations"
                    + " respects both real time and the register: process 1 write /x=a [0..10 ms]; process 2 write"
                    + " /x=b [10..20 ms]; process 4 read /x -> b [25..28 ms]; process 3 read /x -> a [30..40 ms]");
        }

        @Test
        void anyOtherConflictGetsTheGeneralStatement() {
            Verdict verdict = check.check(new HandWrittenHistory()
                    .write(1, "/x", "a", 0, 10)
                    .write(2, "/x", "b", 20, 100)
                    .read(3, "/x", "b", 30, 40)
                    .read(4, "/x", "a", 50, 60)
                    .operations());

            assertThat(verdict.summary()).isEqualTo("1 key(s) not linearizable; on /x, no order of these 4 operations"
                    + " respects both real time and the register: process 1 write /x=a [0..10 ms]; process 2 write"
                    + " /x=b [20..100 ms]; process 3 read /x -> b [30..40 ms]; process 4 read /x -> a [50..60 ms]");
        }
    }

    private static long configurations(Verdict verdict) {
        return ((Number) published(verdict).get("configurationsExplored")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstCounterexample(Verdict verdict) {
        return ((List<Map<String, Object>>) published(verdict).get("counterexamples")).get(0);
    }

    /** The first counterexample's operations as "p1 write a ok 0..10". */
    @SuppressWarnings("unchecked")
    private static List<String> counterexample(Verdict verdict) {
        List<Map<String, Object>> ops = (List<Map<String, Object>>) firstCounterexample(verdict).get("operations");
        return ops.stream().map(op -> "p" + op.get("process") + " " + op.get("f") + " " + op.get("value") + " "
                + op.get("outcome") + " " + op.get("invokeMs") + ".." + op.get("completeMs")).toList();
    }
}
