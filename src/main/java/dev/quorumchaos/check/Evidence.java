package dev.quorumchaos.check;

import com.fasterxml.jackson.annotation.JsonSubTypes;

/**
 * What a check found, as a record of its kind: the report, {@code results.json} and the trend
 * read its fields, never keys of a map or words of a check's name. The kind is the record's type;
 * {@code results.json} names it beside the evidence ({@code "kind": "durability"}), so a reader
 * knows which fields to expect, and a kind this reader does not know is read as
 * {@link OtherEvidence}.
 */
@JsonSubTypes({
        @JsonSubTypes.Type(value = QuorumEvidence.class, name = "quorum"),
        @JsonSubTypes.Type(value = QuorumHeldEvidence.class, name = "quorum-held"),
        @JsonSubTypes.Type(value = DurabilityEvidence.class, name = "durability"),
        @JsonSubTypes.Type(value = BudgetEvidence.class, name = "budget"),
        @JsonSubTypes.Type(value = PdbEvidence.class, name = "pdb"),
        @JsonSubTypes.Type(value = MinorityWritesEvidence.class, name = "minority-writes"),
        @JsonSubTypes.Type(value = LinearizabilityEvidence.class, name = "linearizability"),
        @JsonSubTypes.Type(value = SessionOrderEvidence.class, name = "session-order"),
        @JsonSubTypes.Type(value = CrashEvidence.class, name = "crashed"),
        @JsonSubTypes.Type(value = MembershipEvidence.class, name = "membership"),
        @JsonSubTypes.Type(value = BudgetFitEvidence.class, name = "budget-fit")})
public sealed interface Evidence permits QuorumEvidence, QuorumHeldEvidence, DurabilityEvidence, BudgetEvidence,
        PdbEvidence, MinorityWritesEvidence, LinearizabilityEvidence, SessionOrderEvidence, CrashEvidence,
        MembershipEvidence, BudgetFitEvidence, OtherEvidence {

    /** Whether the check judged correctness (were acknowledged writes kept) or availability. */
    Judges judges();
}
