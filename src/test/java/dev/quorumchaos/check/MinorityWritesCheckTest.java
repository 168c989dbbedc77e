package dev.quorumchaos.check;

import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.Operation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.quorumchaos.check.PublishedEvidence.published;
import static dev.quorumchaos.check.Histories.ms;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Minority serves no writes" on hand-written histories: member 2 is cut off from 1000 to 5000 ms,
 * members 0 and 1 keep the majority.
 */
class MinorityWritesCheckTest {

    private static final List<MinorityWritesCheck.Window> MEMBER_2_CUT_OFF = List.of(
            new MinorityWritesCheck.Window("isolate member 2", ms(1000), ms(5000), Set.of(2)));

    /** Operations written as the test reads: one invoke and one completion, each with the member it went through. */
    private static final class Ops {
        private final List<Operation> ops = new ArrayList<>();

        Ops write(int process, String key, int member, long invokeMs, Operation.Type outcome, int answeredBy,
                  long completeMs) {
            return op(process, Operation.Fn.WRITE, key, member, invokeMs, outcome, answeredBy, completeMs);
        }

        Ops op(int process, Operation.Fn f, String key, int member, long invokeMs, Operation.Type outcome,
               int answeredBy, long completeMs) {
            ops.add(new Operation(ops.size(), process, Operation.Type.INVOKE, f, key, key, null, member, ms(invokeMs),
                    null));
            ops.add(new Operation(ops.size(), process, outcome, f, key, key, null, answeredBy, ms(completeMs),
                    outcome == Operation.Type.OK ? null : "CONNECTIONLOSS"));
            return this;
        }

        Ops completionOnly(int process, String key, int member, long completeMs) {
            ops.add(new Operation(ops.size(), process, Operation.Type.OK, Operation.Fn.WRITE, key, key, null, member,
                    ms(completeMs), null));
            return this;
        }

        List<Operation> build() {
            return ops;
        }
    }

    /**
     * The soak's flip: a 5-member split began at 1824 ms and took the proxies until 1830 ms to
     * cut; a write invoked at 1825 ms through member 0 committed on the old leader's majority
     * and member 0 acknowledged it at 1892 ms. ZooKeeper did nothing wrong: the window starts
     * when the cut held in full, and a write sent after that is still judged.
     */
    @Test
    void theWindowIsWhereTheCutHeldInFullFromTheEndOfApplyingToTheStartOfHealing() {
        List<FaultEvent> events = List.of(
                new FaultEvent("partition-1", "partition", "split", FaultEvent.Phase.APPLY, List.of(0, 4), ms(1824),
                        null, null, ms(1830)),
                new FaultEvent("partition-1", "partition", "split", FaultEvent.Phase.RECOVER, List.of(0, 4), ms(9100),
                        null, null, ms(9000)));

        MinorityWritesCheck.Window window = MinorityWritesCheck.Window.of(events, "partition-1", "split", Set.of(0, 4),
                ms(20_000)).orElseThrow();

        assertThat(window).isEqualTo(new MinorityWritesCheck.Window("split", ms(1830), ms(9000), Set.of(0, 4)));
        Verdict whileCutting = MinorityWritesCheck.check(new Ops()
                .write(0, "/orders/0-6", 0, 1825, Operation.Type.OK, 0, 1892)
                .write(1, "/orders/1-9", 4, 9050, Operation.Type.OK, 4, 9120)
                .write(2, "/chaos-probe/0-0", 0, 2000, Operation.Type.FAIL, 0, 2100)
                .build(), List.of(window));
        assertThat(whileCutting.outcome()).isEqualTo(Outcome.PASS);
        assertThat(published(whileCutting)).containsEntry("attempted", 1);

        Verdict onceCut = MinorityWritesCheck.check(new Ops()
                .write(0, "/orders/0-7", 0, 1831, Operation.Type.OK, 0, 1900)
                .build(), List.of(window));
        assertThat(onceCut.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void aPartitionStillInPlaceRunsToNowAndOneNeverAppliedHasNoWindow() {
        List<FaultEvent> applied = List.of(new FaultEvent("partition-1", "partition", "split", FaultEvent.Phase.APPLY,
                List.of(2), ms(1000), null, null, ms(1004)));

        assertThat(MinorityWritesCheck.Window.of(applied, "partition-1", "split", Set.of(2), ms(7000)))
                .contains(new MinorityWritesCheck.Window("split", ms(1004), ms(7000), Set.of(2)));
        assertThat(MinorityWritesCheck.Window.of(applied, "partition-2", "other", Set.of(2), ms(7000))).isEmpty();
    }

    @Test
    void aWriteAcknowledgedByTheCutOffMemberFailsAndNamesTheWriteTheMemberAndThePartition() {
        List<Operation> history = new Ops()
                .write(0, "/m/0-0", 0, 1200, Operation.Type.OK, 0, 1210)
                .write(1, "/m/1-0", 2, 2000, Operation.Type.OK, 2, 2030)
                .build();

        Verdict v = MinorityWritesCheck.check(history, MEMBER_2_CUT_OFF);

        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.check()).isEqualTo("minority serves no writes");
        assertThat(v.summary()).isEqualTo("1 write(s) acknowledged by a cut-off minority, e.g. /m/1-0 by member 2");
        assertThat(published(v)).containsEntry("attempted", 1).containsEntry("acknowledged", 1)
                .containsEntry("failed", 0).containsEntry("indeterminate", 0)
                .containsEntry("partitions", List.of("isolate member 2 (minority [2])"))
                .containsEntry("acknowledgedOnMinority", List.of(Map.of("key", "/m/1-0", "member", 2,
                        "invokedAtMs", 2000L, "acknowledgedAtMs", 2030L, "partition", "isolate member 2")));
    }

    @Test
    void writesTheMinorityRefusedOrLeftUnansweredPassWithTheirCounts() {
        List<Operation> history = new Ops()
                .write(0, "/m/0-0", 2, 1500, Operation.Type.FAIL, 2, 1510)
                .write(0, "/m/0-1", 2, 1600, Operation.Type.INFO, 2, 6600)
                .write(0, "/m/0-2", 2, 2000, Operation.Type.FAIL, 2, 2010)
                .write(1, "/m/1-0", 0, 2000, Operation.Type.OK, 0, 2010)
                .build();

        Verdict v = MinorityWritesCheck.check(history, MEMBER_2_CUT_OFF);

        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(v.summary()).isEqualTo("none of 3 write(s) sent to the minority was acknowledged"
                + " (2 failed, 1 indeterminate)");
        assertThat(published(v)).containsEntry("attempted", 3).containsEntry("acknowledged", 0)
                .containsEntry("failed", 2).containsEntry("indeterminate", 1)
                .doesNotContainKey("acknowledgedOnMinority");
    }

    @Test
    void withoutAPartitionTheCheckCannotSayAnything() {
        List<Operation> history = new Ops().write(0, "/m/0-0", 2, 1500, Operation.Type.OK, 2, 1510).build();

        Verdict v = MinorityWritesCheck.check(history, List.of());

        assertThat(v.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(v.summary()).isEqualTo("no partition was applied, so no minority was cut off");
    }

    @Test
    void aPartitionNoWriteWasSentThroughIsUnknownNotPass() {
        List<Operation> history = new Ops()
                .write(0, "/m/0-0", 0, 1500, Operation.Type.OK, 0, 1510)
                .op(1, Operation.Fn.READ, "/m/0-0", 2, 1600, Operation.Type.OK, 2, 1610)
                .build();

        Verdict v = MinorityWritesCheck.check(history, MEMBER_2_CUT_OFF);

        assertThat(v.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(v.summary()).isEqualTo("no write was sent to the minority during the partition");
        assertThat(published(v)).containsEntry("attempted", 0);
    }

    @Test
    void aReadServedByTheMinorityIsNoWrite() {
        List<Operation> history = new Ops()
                .op(1, Operation.Fn.READ, "/m/0-0", 2, 1600, Operation.Type.OK, 2, 1610)
                .write(0, "/m/0-0", 2, 1700, Operation.Type.FAIL, 2, 1710)
                .build();

        assertThat(MinorityWritesCheck.check(history, MEMBER_2_CUT_OFF).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aCompareAndSetIsAWriteToo() {
        List<Operation> history = new Ops().op(1, Operation.Fn.CAS, "/r/0", 2, 1600, Operation.Type.OK, 2, 1610)
                .build();

        assertThat(MinorityWritesCheck.check(history, MEMBER_2_CUT_OFF).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void theWindowRunsFromTheMomentThePartitionWasAppliedUpToButNotIncludingItsRecovery() {
        Ops atApply = new Ops().write(0, "/m/0-0", 2, 1000, Operation.Type.OK, 2, 1010);
        Ops justBefore = new Ops().write(0, "/m/0-0", 2, 999, Operation.Type.OK, 2, 1010);
        Ops atRecovery = new Ops().write(0, "/m/0-0", 2, 5000, Operation.Type.OK, 2, 5010);
        Ops justBeforeRecovery = new Ops().write(0, "/m/0-0", 2, 4999, Operation.Type.OK, 2, 5010);

        assertThat(MinorityWritesCheck.check(atApply.build(), MEMBER_2_CUT_OFF).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(MinorityWritesCheck.check(justBeforeRecovery.build(), MEMBER_2_CUT_OFF).outcome())
                .isEqualTo(Outcome.FAIL);
        assertThat(MinorityWritesCheck.check(justBefore.build(), MEMBER_2_CUT_OFF).outcome())
                .isEqualTo(Outcome.UNKNOWN);
        assertThat(MinorityWritesCheck.check(atRecovery.build(), MEMBER_2_CUT_OFF).outcome())
                .isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void anAcknowledgementCountsAgainstTheMemberThatAnsweredAndAnAttemptAgainstTheOneItWasSentTo() {
        // sent to the majority, acknowledged by the cut-off member after the client moved: a minority write
        Verdict movedToMinority = MinorityWritesCheck.check(
                new Ops().write(0, "/m/0-0", 0, 1500, Operation.Type.OK, 2, 1510).build(), MEMBER_2_CUT_OFF);
        // sent to the minority, acknowledged by the majority after the client moved: the majority's write
        Verdict movedToMajority = MinorityWritesCheck.check(
                new Ops().write(0, "/m/0-0", 2, 1500, Operation.Type.OK, 0, 1510).build(), MEMBER_2_CUT_OFF);
        // sent to the minority and refused by the majority: still an attempt on the minority
        Verdict refusedElsewhere = MinorityWritesCheck.check(
                new Ops().write(0, "/m/0-0", 2, 1500, Operation.Type.FAIL, 0, 1510).build(), MEMBER_2_CUT_OFF);

        assertThat(movedToMinority.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(movedToMinority.summary()).endsWith("by member 2");
        assertThat(movedToMajority.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(refusedElsewhere.outcome()).isEqualTo(Outcome.PASS);
        assertThat(published(refusedElsewhere)).containsEntry("failed", 1);
    }

    @Test
    void aWriteIsJudgedInThePartitionItWasInvokedDuring() {
        List<MinorityWritesCheck.Window> twoPartitions = List.of(
                new MinorityWritesCheck.Window("isolate member 2", ms(1000), ms(2000), Set.of(2)),
                new MinorityWritesCheck.Window("isolate member 0", ms(3000), ms(4000), Set.of(0)));
        List<Operation> history = new Ops()
                .write(0, "/m/0-0", 2, 2500, Operation.Type.OK, 2, 2510)
                .write(1, "/m/1-0", 0, 3500, Operation.Type.OK, 0, 3510)
                .build();

        Verdict v = MinorityWritesCheck.check(history, twoPartitions);

        assertThat(v.summary()).startsWith("1 write(s)").endsWith("/m/1-0 by member 0");
        assertThat(published(v)).containsEntry("partitions",
                List.of("isolate member 2 (minority [2])", "isolate member 0 (minority [0])"));
    }

    @Test
    void aCompletionWithoutItsInvocationIsNotCounted() {
        List<Operation> history = new Ops().completionOnly(0, "/m/0-0", 2, 1500).build();

        assertThat(MinorityWritesCheck.check(history, MEMBER_2_CUT_OFF).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void everyAcknowledgedWriteIsCountedButTheEvidenceShowsTheFirstTwenty() {
        Ops ops = new Ops();
        for (int i = 0; i < 25; i++) {
            ops.write(0, "/m/0-" + i, 2, 1000 + 10 * i, Operation.Type.OK, 2, 1005 + 10 * i);
        }

        Verdict v = MinorityWritesCheck.check(ops.build(), MEMBER_2_CUT_OFF);

        assertThat(v.summary()).startsWith("25 write(s) acknowledged by a cut-off minority, e.g. /m/0-0 by member 2");
        assertThat(published(v)).containsEntry("acknowledged", 25);
        assertThat((List<?>) published(v).get("acknowledgedOnMinority")).hasSize(20);
    }
}
