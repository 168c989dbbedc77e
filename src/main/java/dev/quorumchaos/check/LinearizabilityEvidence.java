package dev.quorumchaos.check;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What the linearizability search covered and, on a FAIL, the few operations per failing key that
 * cannot be ordered.
 *
 * @param readsChecked             whether reads were judged, or writes and CASes alone
 * @param completionsWithoutInvoke completions the history has no invocation for; null when none
 * @param invokesNeverCompleted    invocations never completed (taken as indeterminate); null when none
 * @param failingKeys              null unless FAIL
 * @param counterexamples          the first failing keys' counterexamples; null unless FAIL
 * @param configurationsExplored   null on a FAIL
 * @param hardestKey               the key whose search explored the most; null on a FAIL or with no key
 * @param tooHardKeys              keys the budget did not settle; null when none
 * @param elapsedMs                how long the search took; only on a PASS
 */
public record LinearizabilityEvidence(int keys, int operations, boolean readsChecked,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) Integer completionsWithoutInvoke,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) Integer invokesNeverCompleted,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) List<String> failingKeys,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) List<Counterexample> counterexamples,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) Long configurationsExplored,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) HardestKey hardestKey,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) List<TooHardKey> tooHardKeys,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) Long elapsedMs) implements Evidence {

    /**
     * @param explanation why the operations cannot be ordered, in a sentence
     * @param culprit     the operation the search could not place
     * @param minimal     whether no operation can be left out and still fail
     */
    public record Counterexample(String key, String explanation, List<OperationEvidence> operations,
                                 OperationEvidence culprit, boolean minimal) {
    }

    public record HardestKey(String key, long configurations) {
    }

    /** @param limit the bound the search reached */
    public record TooHardKey(String key, int operations, long configurationsExplored, String limit) {
    }

    @Override
    public Judges judges() {
        return Judges.CORRECTNESS;
    }
}
