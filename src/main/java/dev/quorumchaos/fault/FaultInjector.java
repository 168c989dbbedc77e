package dev.quorumchaos.fault;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.MemberControl;
import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;
import dev.quorumchaos.report.Progress;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Applies faults and makes sure each one is recovered exactly once in the history: when its
 * time is up, when the target heals it (a restarted member), or at the latest when the scenario
 * ends, whatever way it ends. A recover that fails is reported, never swallowed.
 */
public final class FaultInjector implements AutoCloseable {

    private final History history;
    private final Progress progress;
    private final Map<String, Active> active = new LinkedHashMap<>();
    /** Faults with a duration, and when their recovery is due. */
    private final Map<String, Instant> timed = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** Recoveries on a timer that failed; {@link #close()} reports them. */
    private final List<String> failedInBackground = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fault-timer");
        t.setDaemon(true);
        return t;
    });

    /** A fault that was applied and not yet recovered. */
    private static final class Active {
        final String id;
        final Fault fault;
        final Set<Integer> awaitingRestart;

        Active(String id, Fault fault) {
            this.id = id;
            this.fault = fault;
            this.awaitingRestart = new HashSet<>(fault.members());
        }
    }

    public FaultInjector(History history, MemberControl members, Progress progress) {
        this.history = history;
        this.progress = progress;
        members.onStart(this::memberStarted);
    }

    /** Applies {@code fault}; should applying fail half-way, what was done is recovered at once. */
    public String inject(Fault fault) {
        String id = fault.kind() + "-" + ids.incrementAndGet();
        Active a = new Active(id, fault);
        synchronized (this) {
            active.put(id, a);
        }
        long start = history.now();
        try {
            fault.apply();
        } catch (RuntimeException e) {
            history.recordFault(new FaultEvent(id, fault.kind(), fault.description(), FaultEvent.Phase.APPLY,
                    fault.members(), history.now(), "applying failed: " + e.getMessage(), fault.cuts()));
            recover(id, "applying failed: " + e.getMessage());
            throw new ChaosException("Fault '" + fault.description() + "' could not be applied: " + e.getMessage(), e);
        }
        // recorded once applied, with the time applying began: what the fault causes (a member seen
        // down, a quorum lost) is then never earlier than the fault itself
        history.recordFault(new FaultEvent(id, fault.kind(), fault.description(), FaultEvent.Phase.APPLY,
                fault.members(), start, null, fault.cuts(), history.now()));
        progress.say("fault applied: " + fault.description());
        return id;
    }

    /** Recovers the fault after {@code delay}, e.g. resumes a member paused for N seconds. */
    public void recoverAfter(String id, Duration delay) {
        synchronized (this) {
            timed.put(id, Instant.now().plus(delay));
        }
        timers.schedule(() -> {
            try {
                recoverInBackground(id, "after " + delay.toMillis() + " ms");
            } finally {
                synchronized (this) {
                    timed.remove(id);
                }
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A recovery no step waits for: a failure is said now and thrown when the scenario ends. */
    private void recoverInBackground(String id, String detail) {
        try {
            recover(id, detail);
        } catch (RuntimeException e) {
            progress.say("RECOVERY FAILED: " + e.getMessage());
            failedInBackground.add(e.getMessage());
        }
    }

    /**
     * Waits until every fault with a duration has been recovered (a node tainted for 30 s is
     * untainted), so that what is read next sees the ensemble the faults leave; returns the
     * faults still to end when it gives up after {@code atMost}.
     */
    public List<String> awaitTimedRecoveries(Duration atMost) {
        Instant last;
        synchronized (this) {
            last = timed.values().stream().max(Instant::compareTo).orElse(null);
        }
        if (last != null) {
            Duration wait = Duration.between(Instant.now(), last).plusSeconds(5);
            try {
                await("faults with a duration recovered").atMost(wait.compareTo(atMost) < 0 ? wait : atMost)
                        .pollInterval(Duration.ofMillis(50)).until(this::noTimedRecoveryPending);
            } catch (ConditionTimeoutException e) {
                // the caller reports what is still pending
            }
        }
        synchronized (this) {
            return timed.keySet().stream().map(id -> active.containsKey(id) ? active.get(id).fault.description() : id).toList();
        }
    }

    private synchronized boolean noTimedRecoveryPending() {
        return timed.isEmpty();
    }

    /** Recovers one fault; a no-op when it is already recovered. */
    public void recover(String id, String detail) {
        Active a;
        synchronized (this) {
            a = active.remove(id);
        }
        if (a == null) {
            return;
        }
        long start = history.now();
        try {
            a.fault.recover();
        } catch (RuntimeException e) {
            history.recordFault(new FaultEvent(id, a.fault.kind(), a.fault.description(), FaultEvent.Phase.RECOVER,
                    a.fault.members(), history.now(), "recover failed: " + e.getMessage(), a.fault.cuts(), start));
            throw new ChaosException("Fault '" + a.fault.description() + "' not recovered: " + e.getMessage(), e);
        }
        // recorded with the time it ended, as before (the figures count a fault until it is gone),
        // and when it began: from then on the fault no longer holds in full
        history.recordFault(new FaultEvent(id, a.fault.kind(), a.fault.description(), FaultEvent.Phase.RECOVER,
                a.fault.members(), history.now(), detail, a.fault.cuts(), start));
        progress.say("fault recovered: " + a.fault.description() + (detail == null ? "" : " (" + detail + ")"));
    }

    /** The target restarted a member: self-healing faults on it are over once all their members are back. */
    private void memberStarted(int ordinal) {
        List<String> healed = new ArrayList<>();
        synchronized (this) {
            for (Active a : active.values()) {
                if (a.fault.selfHealing() && a.awaitingRestart.remove(ordinal) && a.awaitingRestart.isEmpty()) {
                    healed.add(a.id);
                }
            }
        }
        for (String id : healed) {
            timers.execute(() -> recoverInBackground(id, "member restarted by the target"));
        }
    }

    /** The faults applied and not yet recovered, by id. */
    public synchronized Map<String, Fault> active() {
        Map<String, Fault> faults = new LinkedHashMap<>();
        active.forEach((id, a) -> faults.put(id, a.fault));
        return faults;
    }

    public synchronized List<String> activeFaults() {
        return active.values().stream().map(a -> a.fault.description()).toList();
    }

    /** Recovers everything still active, trying each one; reports every one that failed. */
    public void recoverAll(String why) {
        List<String> ids;
        synchronized (this) {
            ids = new ArrayList<>(active.keySet());
        }
        List<String> failures = new ArrayList<>();
        for (String id : ids) {
            try {
                recover(id, why);
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new ChaosException(String.join("; ", failures));
        }
    }

    /**
     * Recovers what is still active, and reports every recovery that failed, including those on
     * a timer: a fault left in place is a failure of the scenario, whatever its checks said.
     */
    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        try {
            recoverAll("scenario ended");
        } catch (ChaosException e) {
            failures.add(e.getMessage());
        } finally {
            timers.shutdownNow();
        }
        failures.addAll(0, failedInBackground);
        failedInBackground.clear();
        if (!failures.isEmpty()) {
            throw new ChaosException(String.join("; ", failures));
        }
    }
}
