package dev.quorumchaos.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What happened in one scenario, in the order it was recorded: client operations, member role
 * changes and fault windows. Workloads, observers and faults write to it; checks and reports only
 * read it. Times are nanoseconds since the history began, from a monotonic clock.
 * <p>
 * Client operations and fault events share one index, taken when they are recorded, as Jepsen's
 * {@code :index}: for operations the index and the time are taken together, so index order is
 * time order. A fault's time is when applying began, which may precede the entries recorded
 * while it was being applied.
 */
public final class History {

    /** A client operation or a fault event, with its place in the history. */
    public record Entry(long index, Operation operation, FaultEvent fault) {
    }

    private final long originNanos;
    private final Instant originWallClock;
    private long nextIndex;
    private final List<Operation> operations = new ArrayList<>();
    private final List<MemberStateChange> stateChanges = new ArrayList<>();
    private final List<FaultEvent> faultEvents = new ArrayList<>();
    private final List<MembershipChange> memberships = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private long readyNanos = -1;

    public History() {
        this.originNanos = System.nanoTime();
        this.originWallClock = Instant.now();
    }

    /** Nanoseconds since the history began. */
    public long now() {
        return System.nanoTime() - originNanos;
    }

    public Instant wallClock(long timeNanos) {
        return originWallClock.plusNanos(timeNanos);
    }

    public Instant origin() {
        return originWallClock;
    }

    public synchronized Operation invoke(int process, Operation.Fn f, String key, String value, String expected,
                                         int member) {
        return append(new Operation(nextIndex, process, Operation.Type.INVOKE, f, key, value, expected, member,
                now(), null));
    }

    /** Records how {@code invocation} ended; {@code value} is what a read returned (ignored for writes). */
    public Operation complete(Operation invocation, Operation.Type type, String value, String error) {
        return complete(invocation, type, value, error, invocation.member());
    }

    /**
     * As above, with the member that answered: a client may have moved to another member between
     * sending a request and getting its answer, so the answering member is recorded on completion.
     */
    public synchronized Operation complete(Operation invocation, Operation.Type type, String value, String error,
                                           int member) {
        String recorded = invocation.f() == Operation.Fn.READ ? value : invocation.value();
        return append(new Operation(nextIndex, invocation.process(), type, invocation.f(), invocation.key(), recorded,
                invocation.expected(), member, now(), error));
    }

    /**
     * Appends an operation as it is; for histories built by hand and read back from files. Later
     * entries are indexed after it.
     */
    public synchronized Operation append(Operation op) {
        operations.add(op);
        entries.add(new Entry(op.index(), op, null));
        nextIndex = Math.max(nextIndex, op.index() + 1);
        return op;
    }

    /**
     * Keeps the changes in time order: an observer may date a change before changes it recorded
     * earlier (a member's silence dates from the first question it left unanswered).
     */
    public synchronized void recordState(MemberStateChange change) {
        int at = stateChanges.size();
        while (at > 0 && stateChanges.get(at - 1).timeNanos() > change.timeNanos()) {
            at--;
        }
        stateChanges.add(at, change);
    }

    public synchronized void recordMembership(MembershipChange change) {
        memberships.add(change);
    }

    /** The membership changes, in time order; none when the ensemble kept the size it was deployed with. */
    public synchronized List<MembershipChange> memberships() {
        return List.copyOf(memberships);
    }

    public synchronized void recordFault(FaultEvent event) {
        faultEvents.add(event);
        entries.add(new Entry(nextIndex++, null, event));
    }

    /**
     * Marks the moment every member first served: before it the ensemble was being deployed,
     * and members not yet up were not disrupted. Only the first call counts.
     */
    public void markReady() {
        markReady(now());
    }

    /** {@link #markReady()} at {@code atNanos}, for a history written by hand. */
    public synchronized void markReady(long atNanos) {
        if (readyNanos < 0) {
            readyNanos = atNanos;
        }
    }

    /** When every member first served, or 0 when never marked. */
    public synchronized long readyNanos() {
        return Math.max(readyNanos, 0);
    }

    public synchronized List<Operation> operations() {
        return List.copyOf(operations);
    }

    public synchronized List<MemberStateChange> stateChanges() {
        return List.copyOf(stateChanges);
    }

    /** Operations and fault events in the order recorded, each with its index. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized List<FaultEvent> faultEvents() {
        return List.copyOf(faultEvents);
    }

    public synchronized Optional<FaultEvent> lastApply() {
        for (int i = faultEvents.size() - 1; i >= 0; i--) {
            if (faultEvents.get(i).phase() == FaultEvent.Phase.APPLY) {
                return Optional.of(faultEvents.get(i));
            }
        }
        return Optional.empty();
    }
}
