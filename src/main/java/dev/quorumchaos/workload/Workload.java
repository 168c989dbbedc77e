package dev.quorumchaos.workload;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.history.History;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The clients of one scenario and what they touched. Writers run until {@link #stop()}; after
 * recovery {@link #readEveryMember} asks each member, alone, what it holds. The clients
 * themselves are the service's ({@link ServiceClients}).
 */
public final class Workload implements AutoCloseable {

    private final Ensemble ensemble;
    private final ServiceClients service;
    private final History history;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private final Set<String> paths = new LinkedHashSet<>();
    private final Set<String> registerPaths = new LinkedHashSet<>();

    public Workload(Ensemble ensemble, ServiceClients service, History history) {
        this.ensemble = ensemble;
        this.service = service;
        this.history = history;
    }

    private static void validate(String path) {
        if (!path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
            throw ChaosException.badInput("'" + path + "' is not a key path: it must start with / and have no"
                    + " empty segments, e.g. \"/orders\"");
        }
    }

    public void addWriter(String path, Duration interval) {
        validate(path);
        synchronized (this) {
            if (registerPaths.contains(path)) {
                throw ChaosException.badInput("'" + path + "' holds registers already; give the writer its own path");
            }
        }
        service.prepare(path); // outside the lock: it may wait for a quorum, and stop() must not wait for it
        synchronized (this) {
            paths.add(path);
            clients.add(service.writer(clients.size(), path, interval));
        }
    }

    public synchronized Set<String> paths() {
        return Set.copyOf(paths);
    }

    /** The writers' operations: the ones the durability check judges (registers are judged for order). */
    public List<dev.quorumchaos.history.Operation> writerOperations() {
        Set<String> prefixes = new java.util.HashSet<>();
        paths().forEach(p -> prefixes.add(p + "/"));
        return history.operations().stream()
                .filter(op -> prefixes.contains(op.key().substring(0, op.key().lastIndexOf('/') + 1)))
                .toList();
    }

    /** Clients treating {@code registers} znodes under {@code path} as registers (Jepsen's register workload). */
    public void addRegisterClients(int count, String path, int registers, Duration interval, long seed) {
        validate(path);
        synchronized (this) {
            if (paths.contains(path)) {
                throw ChaosException.badInput("'" + path + "' is a writer's path already; give the registers their own");
            }
            registerPaths.add(path);
        }
        service.prepare(path);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < registers; i++) {
            keys.add(path + "/r" + i);
        }
        synchronized (this) {
            for (int i = 0; i < count; i++) {
                int process = clients.size();
                clients.add(service.registers(process, keys, interval, seed * 1_000 + process));
            }
        }
    }

    private boolean probePathCreated;

    /** Where minority probes write: kept apart from the writers' paths, which the durability check reads. */
    public String probePath() {
        synchronized (this) {
            if (probePathCreated) {
                return "/chaos-probe";
            }
        }
        service.prepare("/chaos-probe");
        synchronized (this) {
            probePathCreated = true;
        }
        return "/chaos-probe";
    }

    /**
     * Whether a writer got a definite answer (ok, or a refusal from a serving member) to a write
     * after {@code sinceNanos}: the ensemble serves clients again.
     */
    public boolean answeredSince(long sinceNanos) {
        List<dev.quorumchaos.history.Operation> ops = writerOperations();
        for (int i = ops.size() - 1; i >= 0; i--) {
            dev.quorumchaos.history.Operation op = ops.get(i);
            if (op.timeNanos() < sinceNanos) {
                return false;
            }
            if ((op.type() == dev.quorumchaos.history.Operation.Type.OK
                    || op.type() == dev.quorumchaos.history.Operation.Type.FAIL)
                    && op.f() == dev.quorumchaos.history.Operation.Fn.WRITE) {
                return true;
            }
        }
        return false;
    }

    public synchronized boolean hasRegisterClients() {
        return !registerPaths.isEmpty();
    }

    /**
     * Whether a register client had a change (a create or a compare-and-set) acknowledged after
     * {@code sinceNanos}: the registers are served again, and what happened to them after the
     * faults is in the history.
     */
    public boolean registerChangeAcknowledgedSince(long sinceNanos) {
        Set<String> prefixes = new java.util.HashSet<>();
        synchronized (this) {
            registerPaths.forEach(p -> prefixes.add(p + "/"));
        }
        List<dev.quorumchaos.history.Operation> ops = history.operations();
        for (int i = ops.size() - 1; i >= 0; i--) {
            dev.quorumchaos.history.Operation op = ops.get(i);
            if (op.timeNanos() < sinceNanos) {
                return false;
            }
            if (op.type() == dev.quorumchaos.history.Operation.Type.OK
                    && op.f() != dev.quorumchaos.history.Operation.Fn.READ
                    && prefixes.contains(op.key().substring(0, op.key().lastIndexOf('/') + 1))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a writer runs: the durability check needs one. */
    public synchronized boolean running() {
        return !paths.isEmpty();
    }

    /** Stops every writer; idempotent. */
    public synchronized void stop() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                throw new ChaosException("cannot stop a client: " + e.getMessage(), e);
            }
        }
    }

    /**
     * What each member holds, read from it alone; a member that cannot be read says why, in the
     * client's words and in the platform's (a pod the scheduler cannot place says so).
     */
    public List<MemberContents> readEveryMember(Duration deadline) {
        List<MemberContents> contents = new ArrayList<>();
        for (MemberContents read : service.readEveryMember(paths(), deadline)) {
            contents.add(read.readable() ? read : ensemble.whyUnavailable(read.member())
                    .map(why -> MemberContents.unreadable(read.member(), read.unreadableBecause() + "; " + why))
                    .orElse(read));
        }
        return contents;
    }

    /** Writes through {@code member} alone for {@code duration}, as a client stuck with it would. */
    public void probeThrough(int member, int process, Duration duration, Duration interval) {
        service.probeThrough(member, probePath(), process, duration, interval);
    }

    @Override
    public void close() {
        stop();
    }
}
