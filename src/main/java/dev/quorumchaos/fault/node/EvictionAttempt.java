package dev.quorumchaos.fault.node;

import java.time.Instant;

/**
 * One call of the Eviction API during a drain and what the API server answered: the evidence
 * behind "the drain was held back by the disruption budget".
 *
 * @param detail the API server's message for a refusal or failure, null when evicted
 */
public record EvictionAttempt(Instant at, String namespace, String pod, String node, Result result, String detail) {

    public enum Result {
        /** 201: the pod is being deleted, gracefully. */
        EVICTED,
        /** 429: the disruption budget allows no more disruptions now. */
        REFUSED,
        /** The pod was already gone (404) or replaced by a new one of the same name (409). */
        GONE,
        /** A server error (5xx) or no answer; retried until the timeout. */
        FAILED,
        /** Any other error, e.g. 403: the drain fails at once, as kubectl's does. */
        REJECTED
    }
}
