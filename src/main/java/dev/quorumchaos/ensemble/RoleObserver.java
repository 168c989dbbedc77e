package dev.quorumchaos.ensemble;

import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberState;
import dev.quorumchaos.history.MembershipChange;
import dev.quorumchaos.history.MemberStateChange;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Polls every member's {@linkplain RoleProbe role} on its own schedule and records each change of role in
 * the history, so the harness knows at any moment who leads and whether a quorum serves. One
 * thread per member keeps a paused member's timeouts from delaying the others' observations.
 */
public final class RoleObserver implements AutoCloseable {

    /** Told of every change the observer records; called on an observer thread. */
    public interface Listener {
        void changed(MemberStateChange change, EnsembleView before, EnsembleView after);
    }

    private final RoleProbe probe;
    private History history;
    private final Duration interval;
    private final int answerTimeoutMillis;
    private final MemberState[] states;
    private final long[] epochs;
    private final ScheduledExecutorService pollers;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Object[] pollLocks;
    /** Room for every member an ensemble can grow to; the first {@link #size} are observed. */
    private final ScheduledFuture<?>[] schedules;
    private int size;
    private boolean started;

    public RoleObserver(int size, RoleProbe probe, History history, Duration interval, Duration answerTimeout) {
        this.probe = probe;
        this.history = history;
        this.interval = interval;
        this.answerTimeoutMillis = (int) answerTimeout.toMillis();
        int capacity = Math.max(size, EnsembleSpec.MAX_SIZE);
        this.size = size;
        this.states = new MemberState[capacity];
        this.epochs = new long[capacity];
        this.schedules = new ScheduledFuture<?>[capacity];
        Arrays.fill(states, MemberState.DOWN);
        Arrays.fill(epochs, -1L);
        this.pollLocks = new Object[capacity];
        Arrays.setAll(pollLocks, i -> new Object());
        this.pollers = Executors.newScheduledThreadPool(capacity, runnable -> {
            Thread t = new Thread(runnable, "role-observer");
            t.setDaemon(true);
            return t;
        });
    }

    public synchronized void start() {
        started = true;
        for (int i = 0; i < size; i++) {
            schedule(i);
        }
    }

    private void schedule(int ordinal) {
        schedules[ordinal] = pollers.scheduleWithFixedDelay(() -> poll(ordinal), 0, interval.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    public synchronized int size() {
        return size;
    }

    /**
     * The service's membership changed to {@code to} members, ordinals 0 to {@code to - 1}: a member
     * added is asked once before it counts, so it enters the view with what it says (not as down);
     * a member removed is no longer asked. The change is recorded in the history.
     */
    public void resize(int to, String detail) {
        if (to < 1 || to > states.length) {
            throw new IllegalArgumentException("an ensemble has 1 to " + states.length + " members, not " + to);
        }
        for (int i = size(); i < to; i++) {
            poll(i);
        }
        MembershipChange change;
        synchronized (this) {
            change = new MembershipChange(history.now(), size, to, detail);
            for (int i = to; i < size; i++) {
                if (schedules[i] != null) {
                    schedules[i].cancel(false);
                    schedules[i] = null;
                }
            }
            int from = size;
            size = to;
            if (started) {
                for (int i = from; i < to; i++) {
                    schedule(i);
                }
            }
            history.recordMembership(change);
        }
    }

    /**
     * Starts recording into {@code next} (an ensemble handed to a new scenario): every member's
     * current role is recorded there first, and the old scenario's listeners are dropped.
     */
    public synchronized void recordInto(History next) {
        history = next;
        listeners.clear();
        for (int i = 0; i < size; i++) {
            next.recordState(new MemberStateChange(i, states[i], epochs[i], next.now(), "observed before the scenario"));
        }
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    public synchronized EnsembleView view() {
        List<MemberState> s = new ArrayList<>(Arrays.asList(states).subList(0, size));
        List<Long> e = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            e.add(epochs[i]);
        }
        return new EnsembleView(s, e);
    }

    /**
     * Polls every member now, in parallel, and returns once all answered or timed out: a check
     * made right after a fault then judges what the members say now, not what they said before.
     */
    public EnsembleView refresh() {
        List<Thread> polls = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            int ordinal = i;
            Thread t = new Thread(() -> poll(ordinal), "role-refresh-" + i);
            t.setDaemon(true);
            t.start();
            polls.add(t);
        }
        for (Thread t : polls) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return view();
    }

    /** Polls one member now, outside its schedule; faults call this to see their effect at once. */
    public void poll(int ordinal) {
        // one poll per member at a time: an answer sent before a kill must not be recorded after
        // the poll that saw the member dead
        synchronized (pollLocks[ordinal]) {
            pollNow(ordinal);
        }
    }

    /**
     * A question can go unanswered because this JVM was stalled (a GC pause, a CPU starved by
     * other processes), not the member: all members then fall silent at once. So a silence counts
     * as the member's only when a second question right after it goes unanswered too, and it then
     * dates from the first question, when the member was last asked in vain.
     */
    private void pollNow(int ordinal) {
        MemberState state;
        long epoch = -1;
        String detail = null;
        long asked = history.now();
        long at = -1;
        try {
            RoleProbe.Answer answer;
            try {
                answer = probe.ask(ordinal, answerTimeoutMillis);
            } catch (SocketTimeoutException firstSilence) {
                answer = probe.ask(ordinal, answerTimeoutMillis);
            }
            state = answer.state();
            epoch = state.serving() ? answer.epoch() : -1;
        } catch (SocketTimeoutException e) {
            state = MemberState.UNRESPONSIVE;
            detail = "no answer to two questions within " + answerTimeoutMillis + " ms each";
            at = asked;
        } catch (IOException | RuntimeException e) {
            state = MemberState.DOWN;
            detail = e.getMessage();
        }
        record(ordinal, state, epoch, detail, at);
    }

    private void record(int ordinal, MemberState state, long epoch, String detail) {
        record(ordinal, state, epoch, detail, -1);
    }

    /** @param atNanos when the change happened, if known to be earlier than now; else -1 */
    private void record(int ordinal, MemberState state, long epoch, String detail, long atNanos) {
        MemberStateChange change;
        EnsembleView before;
        EnsembleView after;
        boolean member;
        synchronized (this) {
            if (states[ordinal] == state && epochs[ordinal] == epoch) {
                return;
            }
            member = ordinal < size; // a member about to join is recorded, but in no view yet
            before = view();
            states[ordinal] = state;
            epochs[ordinal] = epoch;
            after = view();
            change = new MemberStateChange(ordinal, state, epoch, atNanos >= 0 ? atNanos : history.now(), detail);
            history.recordState(change);
        }
        if (!member) {
            return;
        }
        for (Listener listener : listeners) {
            listener.changed(change, before, after);
        }
    }

    @Override
    public void close() {
        pollers.shutdownNow();
    }
}
