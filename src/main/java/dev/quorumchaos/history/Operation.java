package dev.quorumchaos.history;

/**
 * One entry of a client's history, Jepsen style: every operation is recorded once as
 * {@link Type#INVOKE} and once more as {@link Type#OK}, {@link Type#FAIL} or {@link Type#INFO}.
 * {@code INFO} means the outcome is unknown: the operation may have taken effect, now or later.
 *
 * @param index    position in the history, unique and increasing
 * @param process  the logical client that issued it; a client has at most one open operation
 * @param type     invoke or one of the three completions
 * @param f        what the operation does
 * @param key      the znode path it touches
 * @param value    the value written, or the value read on an ok read (null when absent)
 * @param expected for compare-and-set: the value the write is conditional on
 * @param member   the member the client was connected to, or -1 when unknown
 * @param timeNanos when it happened, in nanoseconds since the history began
 * @param error    why it failed or is unknown, for fail and info
 */
public record Operation(long index, int process, Type type, Fn f, String key, String value,
                        String expected, int member, long timeNanos, String error) {

    public enum Type { INVOKE, OK, FAIL, INFO }

    public enum Fn { WRITE, READ, CAS }

    public boolean isInvoke() {
        return type == Type.INVOKE;
    }

    public long timeMillis() {
        return timeNanos / 1_000_000;
    }
}
