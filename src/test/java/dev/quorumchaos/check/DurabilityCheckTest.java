package dev.quorumchaos.check;

import dev.quorumchaos.history.Operation;
import dev.quorumchaos.workload.MemberContents;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.quorumchaos.check.PublishedEvidence.published;
import static dev.quorumchaos.check.Histories.history;
import static dev.quorumchaos.check.Histories.ms;
import static org.assertj.core.api.Assertions.assertThat;

class DurabilityCheckTest {

    private static final long READ_START = ms(10_000);

    private static List<Operation> writes() {
        return history()
                .write(0, "/o/0-0", 100, 110, Operation.Type.OK)
                .write(0, "/o/0-1", 200, 210, Operation.Type.OK)
                .write(0, "/o/0-2", 300, 5300, Operation.Type.INFO)
                .write(1, "/o/1-0", 150, 160, Operation.Type.FAIL)
                .build().operations();
    }

    private static List<MemberContents> everyMemberHas(String... keys) {
        return List.of(MemberContents.read(0, Set.of(keys)), MemberContents.read(1, Set.of(keys)),
                MemberContents.read(2, Set.of(keys)));
    }

    @Test
    void everyAcknowledgedWriteOnEveryMemberPasses() {
        Verdict v = DurabilityCheck.check(writes(), everyMemberHas("/o/0-0", "/o/0-1", "/o/0-2"), READ_START);

        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(published(v)).containsEntry("acknowledged", 2).containsEntry("indeterminatePresent", 1);
    }

    @Test
    void anIndeterminateWriteMayBeAbsent() {
        assertThat(DurabilityCheck.check(writes(), everyMemberHas("/o/0-0", "/o/0-1"), READ_START).outcome())
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void anAcknowledgedWriteMissingOnOneMemberIsLost() {
        List<MemberContents> members = List.of(MemberContents.read(0, Set.of("/o/0-0", "/o/0-1")),
                MemberContents.read(1, Set.of("/o/0-0")), MemberContents.read(2, Set.of("/o/0-0", "/o/0-1")));

        Verdict v = DurabilityCheck.check(writes(), members, READ_START);

        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(published(v)).containsEntry("lostWrites", 1).containsEntry("lost", List.of("/o/0-1"))
                .containsEntry("firstLostWrittenAtMs", 200L);
        assertThat(v.summary()).contains("/o/0-1").contains("member 1");
    }

    @Test
    void aWriteReportedFailedButPresentFails() {
        Verdict v = DurabilityCheck.check(writes(), everyMemberHas("/o/0-0", "/o/0-1", "/o/1-0"), READ_START);

        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(published(v)).containsEntry("failedButPresent", List.of("/o/1-0"));
    }

    @Test
    void aKeyNobodyWroteFails() {
        Verdict v = DurabilityCheck.check(writes(), everyMemberHas("/o/0-0", "/o/0-1", "/o/9-9"), READ_START);

        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(published(v)).containsEntry("unexpected", List.of("/o/9-9"));
    }

    @Test
    void anUnreadableMemberMakesTheVerdictUnknownNotPass() {
        List<MemberContents> members = List.of(MemberContents.read(0, Set.of("/o/0-0", "/o/0-1")),
                MemberContents.unreadable(1, "no session within 10 s"), MemberContents.read(2, Set.of("/o/0-0", "/o/0-1")));

        Verdict v = DurabilityCheck.check(writes(), members, READ_START);

        assertThat(v.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(v.summary()).contains("member 1");
    }

    @Test
    void aLostWriteBeatsAnUnreadableMember() {
        List<MemberContents> members = List.of(MemberContents.read(0, Set.of("/o/0-0")),
                MemberContents.unreadable(1, "down"));

        assertThat(DurabilityCheck.check(writes(), members, READ_START).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void nothingAcknowledgedIsUnknown() {
        List<Operation> ops = history().write(0, "/o/0-0", 100, 5100, Operation.Type.INFO).build().operations();

        assertThat(DurabilityCheck.check(ops, everyMemberHas(), READ_START).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void writesInvokedAfterTheReadBeganAreNotJudged() {
        List<Operation> ops = history()
                .write(0, "/o/0-0", 100, 110, Operation.Type.OK)
                .write(0, "/o/0-1", 10_100, 10_110, Operation.Type.OK)
                .invokedOnly(1, "/o/1-0", 10_200)
                .build().operations();

        Verdict v = DurabilityCheck.check(ops, everyMemberHas("/o/0-0", "/o/1-0"), READ_START);

        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(published(v)).containsEntry("invokedAfterReadStarted", 2);
    }

    @Test
    void aWriteInvokedBeforeReadingBeganAndAcknowledgedAfterIsIndeterminate() {
        List<Operation> ops = history()
                .write(0, "/o/0-0", 100, 110, Operation.Type.OK)
                .write(0, "/o/0-1", 9_900, 10_100, Operation.Type.OK)
                .build().operations();

        Verdict absent = DurabilityCheck.check(ops, everyMemberHas("/o/0-0"), READ_START);
        Verdict present = DurabilityCheck.check(ops, everyMemberHas("/o/0-0", "/o/0-1"), READ_START);

        assertThat(absent.outcome()).isEqualTo(Outcome.PASS);
        assertThat(published(absent)).containsEntry("acknowledged", 1).containsEntry("indeterminate", 1)
                .containsEntry("indeterminatePresent", 0).containsEntry("invokedAfterReadStarted", 0);
        assertThat(published(present)).containsEntry("indeterminatePresent", 1);
    }

    @Test
    void aWriteAcknowledgedAtTheVeryMomentReadingBeganIsIndeterminate() {
        List<Operation> ops = history()
                .write(0, "/o/0-0", 100, 110, Operation.Type.OK)
                .write(0, "/o/0-1", 9_900, 10_000, Operation.Type.OK)
                .build().operations();

        Verdict v = DurabilityCheck.check(ops, everyMemberHas("/o/0-0"), READ_START);

        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(published(v)).containsEntry("indeterminate", 1);
    }

    @Test
    void aWriteAcknowledgedJustBeforeReadingBeganMustBeThere() {
        List<Operation> ops = history()
                .write(0, "/o/0-0", 100, 110, Operation.Type.OK)
                .write(0, "/o/0-1", 9_900, 9_999, Operation.Type.OK)
                .build().operations();

        assertThat(DurabilityCheck.check(ops, everyMemberHas("/o/0-0"), READ_START).outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void aWriteInvokedAtTheVeryMomentReadingBeganIsNotJudged() {
        List<Operation> ops = history()
                .write(0, "/o/0-0", 100, 110, Operation.Type.OK)
                .write(0, "/o/0-1", 10_000, 10_010, Operation.Type.OK)
                .build().operations();

        Verdict v = DurabilityCheck.check(ops, everyMemberHas("/o/0-0"), READ_START);

        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        assertThat(published(v)).containsEntry("invokedAfterReadStarted", 1).containsEntry("acknowledged", 1);
    }

    @Test
    void aWriteWhoseClientNeverAnsweredIsIndeterminate() {
        List<Operation> ops = history()
                .write(0, "/o/0-0", 100, 110, Operation.Type.OK)
                .invokedOnly(1, "/o/1-0", 200)
                .build().operations();

        Verdict absent = DurabilityCheck.check(ops, everyMemberHas("/o/0-0"), READ_START);
        Verdict present = DurabilityCheck.check(ops, everyMemberHas("/o/0-0", "/o/1-0"), READ_START);

        assertThat(absent.outcome()).isEqualTo(Outcome.PASS);
        assertThat(published(absent)).containsEntry("indeterminate", 1);
        assertThat(present.outcome()).isEqualTo(Outcome.PASS);
        assertThat(published(present)).containsEntry("indeterminatePresent", 1);
    }

    @Test
    void aPassSaysHowManyWritesWereKeptOnHowManyMembers() {
        Verdict v = DurabilityCheck.check(writes(), everyMemberHas("/o/0-0", "/o/0-1", "/o/0-2"), READ_START);

        assertThat(v.summary()).isEqualTo("all 2 acknowledged writes present on all 3 members (1 of 1 indeterminate"
                + " writes present too)");
        assertThat(published(v)).containsEntry("failed", 1).containsEntry("indeterminate", 1)
                .containsEntry("lostWrites", 0).doesNotContainKeys("lost", "unexpected", "failedButPresent", "unreadable");
    }

    @Test
    void aLostWriteIsNamedWithTheMembersMissingIt() {
        List<MemberContents> members = List.of(MemberContents.read(0, Set.of("/o/0-0")),
                MemberContents.read(1, Set.of("/o/0-0", "/o/0-1")), MemberContents.read(2, Set.of()));

        Verdict v = DurabilityCheck.check(writes(), members, READ_START);

        assertThat(v.summary()).isEqualTo("2 acknowledged write(s) lost, e.g. /o/0-0 missing on member 0, member 2");
        assertThat(published(v)).containsEntry("lostWrites", 2).containsEntry("lost", List.of("/o/0-0", "/o/0-1"))
                .containsEntry("lostByMember", java.util.Map.of("member 0", List.of("/o/0-1"),
                        "member 2", List.of("/o/0-0", "/o/0-1")))
                .containsEntry("firstLostWrittenAtMs", 100L);
    }

    @Test
    void everyLostWriteIsCountedButTheEvidenceShowsTheFirstTwenty() {
        Histories h = history();
        for (int i = 0; i < 25; i++) {
            h.write(0, String.format("/o/0-%02d", i), 100 + 10 * i, 105 + 10 * i, Operation.Type.OK);
        }

        Verdict v = DurabilityCheck.check(h.build().operations(), everyMemberHas(), READ_START);

        assertThat(published(v)).containsEntry("lostWrites", 25);
        assertThat((List<?>) published(v).get("lost")).hasSize(20).first().isEqualTo("/o/0-00");
        @SuppressWarnings("unchecked")
        java.util.Map<String, List<String>> byMember = (java.util.Map<String, List<String>>) published(v).get("lostByMember");
        assertThat(byMember.get("member 0")).hasSize(20).isSorted();
    }

    @Test
    void keysNobodyWroteAndFailedWritesPresentAreCountedInTheSummary() {
        Verdict v = DurabilityCheck.check(writes(), everyMemberHas("/o/0-0", "/o/0-1", "/o/1-0", "/o/9-9"),
                READ_START);

        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.summary()).isEqualTo("1 key(s) nobody wrote and 1 write(s) reported failed are present");
    }

    @Test
    void anUnreadableMemberIsNamedWithWhy() {
        List<MemberContents> members = List.of(MemberContents.read(0, Set.of("/o/0-0", "/o/0-1")),
                MemberContents.unreadable(1, "no session within 10 s"));

        Verdict v = DurabilityCheck.check(writes(), members, READ_START);

        assertThat(v.summary()).isEqualTo("could not read 1 member(s): member 1: no session within 10 s");
        assertThat(published(v)).containsEntry("unreadable", List.of("member 1: no session within 10 s"));
    }

    @Test
    void nothingAcknowledgedSaysThereWasNothingToLose() {
        List<Operation> ops = history().write(0, "/o/0-0", 100, 5100, Operation.Type.INFO).build().operations();

        assertThat(DurabilityCheck.check(ops, everyMemberHas(), READ_START).summary())
                .isEqualTo("no write was acknowledged, so there was nothing to lose");
    }
}
