package dev.quorumchaos.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What happened in one scenario, in the order it was recorded: client operations, member role
 * changes and fault windows. Workloads, observers and faults write to it; checks and reports only
 * read it. Times are nanoseconds since the history began, from a monotonic clock.
 */
public final class History {

    private final long originNanos;
    private final Instant originWallClock;
    private final AtomicLong nextIndex = new AtomicLong();
    private final List<Operation> operations = new ArrayList<>();
    private final List<MemberStateChange> stateChanges = new ArrayList<>();
    private final List<FaultEvent> faultEvents = new ArrayList<>();
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

    public Operation invoke(int process, Operation.Fn f, String key, String value, String expected, int member) {
        return append(new Operation(nextIndex.getAndIncrement(), process, Operation.Type.INVOKE, f, key, value,
                expected, member, now(), null));
    }

    /** Records how {@code invocation} ended; {@code value} is what a read returned (ignored for writes). */
    public Operation complete(Operation invocation, Operation.Type type, String value, String error) {
        return complete(invocation, type, value, error, invocation.member());
    }

    /**
     * As above, with the member that answered: a client may have moved to another member between
     * sending a request and getting its answer, so the answering member is recorded on completion.
     */
    public Operation complete(Operation invocation, Operation.Type type, String value, String error, int member) {
        String recorded = invocation.f() == Operation.Fn.READ ? value : invocation.value();
        return append(new Operation(nextIndex.getAndIncrement(), invocation.process(), type, invocation.f(),
                invocation.key(), recorded, invocation.expected(), member, now(), error));
    }

    /** Appends an operation as it is; for histories built by hand and read back from files. */
    public synchronized Operation append(Operation op) {
        operations.add(op);
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

    public synchronized void recordFault(FaultEvent event) {
        faultEvents.add(event);
    }

    /**
     * Marks the moment every member first served: before it the ensemble was being deployed,
     * and members not yet up were not disrupted. Only the first call counts.
     */
    public synchronized void markReady() {
        if (readyNanos < 0) {
            readyNanos = now();
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
