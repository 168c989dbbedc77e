package dev.quorumchaos.history;

/**
 * A member was observed to change role. Only changes are recorded, not every poll.
 *
 * @param epoch the leader epoch the member reports (the high 32 bits of its zxid), or -1 when it
 *              reports none; members serving in the same epoch follow the same leader
 */
public record MemberStateChange(int member, MemberState state, long epoch, long timeNanos, String detail) {
    public long timeMillis() {
        return timeNanos / 1_000_000;
    }
}
