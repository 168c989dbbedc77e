package dev.quorumchaos.check;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One operation of a register history, in the units a person reads: milliseconds since the
 * history began.
 *
 * @param index      the operation's index in the history file
 * @param f          {@code read}, {@code write} or {@code cas}
 * @param expected   what a compare-and-set expected; null for reads, writes, and a CAS that creates
 * @param outcome    {@code ok}, {@code fail} or {@code info}
 * @param completeMs null when it never completed
 * @param member     the member the client was connected to, or -1 when unknown
 */
public record OperationEvidence(long index, int process, String f, String key,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String expected, String value,
                                String outcome, long invokeMs, Long completeMs, int member) {
}
