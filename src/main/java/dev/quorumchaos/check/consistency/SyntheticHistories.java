package dev.quorumchaos.check.consistency;

import dev.quorumchaos.history.Operation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Histories of a simulated linearizable register, for tests and benchmarks of the checks: clients
 * read, write and CAS random keys with random latencies, and each operation takes effect at one
 * instant between its invocation and completion. Some operations end INFO (the client gave up):
 * those take effect in time, late (after the client gave up) or never. At the end some clients
 * are left with an operation that never completed. Every value is written once per key, as in
 * the harness's workload. The same seed gives the same history.
 */
public final class SyntheticHistories {

    /**
     * @param operations how many operations (each one invocation and one completion)
     * @param clients    concurrent client sessions
     * @param keys       independent registers
     * @param infoRate   fraction of operations whose outcome the client never learns
     */
    public record Shape(int operations, int clients, int keys, double infoRate, long seed) {

        public static Shape of(int operations, int clients, int keys) {
            return new Shape(operations, clients, keys, 0.01, 42);
        }

        public Shape withSeed(long seed) {
            return new Shape(operations, clients, keys, infoRate, seed);
        }

        public Shape withInfoRate(double infoRate) {
            return new Shape(operations, clients, keys, infoRate, seed);
        }
    }

    private static final long MICROS = 1_000;

    private SyntheticHistories() {
    }

    /** A history of a linearizable register: both checks must say PASS on it. */
    public static List<Operation> linearizable(Shape shape) {
        return new Simulation(shape).run();
    }

    /**
     * The same history with one ok read from its second half changed to return a value that was
     * certainly overwritten before the read was invoked (its write completed before another write
     * was invoked, which completed before the read was invoked): the stale read of a lost update,
     * which the linearizability check must catch. Unchanged if no read qualifies.
     */
    public static List<Operation> withOneStaleRead(List<Operation> history, long seed) {
        Map<Integer, Operation> open = new HashMap<>();
        Map<String, List<AcknowledgedWrite>> acknowledged = new HashMap<>();
        List<Integer> reads = new ArrayList<>();
        Map<Integer, String> overwritten = new HashMap<>();
        for (int i = 0; i < history.size(); i++) {
            Operation op = history.get(i);
            if (op.isInvoke()) {
                open.put(op.process(), op);
                continue;
            }
            Operation invoke = open.remove(op.process());
            if (invoke == null || op.type() != Operation.Type.OK) {
                continue;
            }
            List<AcknowledgedWrite> writes = acknowledged.computeIfAbsent(op.key(), k -> new ArrayList<>());
            if (op.f() != Operation.Fn.READ) {
                writes.add(new AcknowledgedWrite(invoke.timeNanos(), op.timeNanos(), op.value()));
            } else if (i > history.size() / 2) {
                String stale = overwrittenBefore(writes, invoke.timeNanos());
                if (stale != null && !stale.equals(op.value())) {
                    reads.add(i);
                    overwritten.put(i, stale);
                }
            }
        }
        if (reads.isEmpty()) {
            return history;
        }
        int chosen = reads.get(new SplittableRandom(seed).nextInt(reads.size()));
        Operation read = history.get(chosen);
        List<Operation> changed = new ArrayList<>(history);
        changed.set(chosen, new Operation(read.index(), read.process(), read.type(), read.f(), read.key(),
                overwritten.get(chosen), read.expected(), read.member(), read.timeNanos(), read.error()));
        return changed;
    }

    /** A value whose write completed before another write began that completed before {@code time}. */
    private static String overwrittenBefore(List<AcknowledgedWrite> writes, long time) {
        int lookBack = Math.max(0, writes.size() - 50);
        for (int b = writes.size() - 1; b >= lookBack; b--) {
            AcknowledgedWrite overwrite = writes.get(b);
            if (overwrite.completed() >= time) {
                continue;
            }
            for (int a = b - 1; a >= lookBack; a--) {
                if (writes.get(a).completed() < overwrite.invoked()) {
                    return writes.get(a).value();
                }
            }
            return null;
        }
        return null;
    }

    private record AcknowledgedWrite(long invoked, long completed, String value) {
    }

    /** Discrete-event simulation: invocations, effects and completions in time order. */
    private static final class Simulation {

        private enum Kind { INVOKE, EFFECT, COMPLETE }

        private record Event(long time, long seq, Kind kind, int client, Pending op) {
        }

        /** An operation in flight; {@code result} is known once it took effect. */
        private static final class Pending {
            final Operation invoke;
            final boolean info;
            boolean applied;
            boolean casSucceeded;
            String readResult;

            Pending(Operation invoke, boolean info) {
                this.invoke = invoke;
                this.info = info;
            }
        }

        private final Shape shape;
        private final SplittableRandom random;
        private final PriorityQueue<Event> events = new PriorityQueue<>(
                Comparator.comparingLong(Event::time).thenComparingLong(Event::seq));
        private final Map<String, String> register = new HashMap<>();
        private final Map<String, String> lastSeen = new HashMap<>();
        private final List<Operation> history = new ArrayList<>();
        private long seq;
        private long nextValue;
        private int invoked;

        Simulation(Shape shape) {
            this.shape = shape;
            this.random = new SplittableRandom(shape.seed());
        }

        List<Operation> run() {
            for (int c = 0; c < shape.clients(); c++) {
                schedule(random.nextLong(MICROS, 1_000 * MICROS), Kind.INVOKE, c, null);
            }
            while (!events.isEmpty()) {
                Event e = events.poll();
                switch (e.kind()) {
                    case INVOKE -> invoke(e);
                    case EFFECT -> takeEffect(e.op());
                    case COMPLETE -> complete(e);
                }
            }
            return history;
        }

        private void invoke(Event e) {
            if (invoked >= shape.operations()) {
                return;
            }
            invoked++;
            int client = e.client();
            String key = "/register-" + random.nextInt(shape.keys());
            double dice = random.nextDouble();
            Operation.Fn f = dice < 0.5 ? Operation.Fn.READ : dice < 0.8 ? Operation.Fn.WRITE : Operation.Fn.CAS;
            String value = f == Operation.Fn.READ ? null : "v" + nextValue++;
            String expected = f == Operation.Fn.CAS ? lastSeen.get(client + key) : null;
            Operation invoke = record(client, Operation.Type.INVOKE, f, key, value, expected, e.time(), null);
            boolean info = random.nextDouble() < shape.infoRate();
            Pending op = new Pending(invoke, info);
            long toEffect = latency();
            long toCompletion = toEffect + latency();
            boolean lastOperation = invoked > shape.operations() - shape.clients();
            if (!info) {
                schedule(e.time() + toEffect, Kind.EFFECT, client, op);
                schedule(e.time() + toCompletion, Kind.COMPLETE, client, op);
                return;
            }
            double fate = random.nextDouble();
            if (fate < 0.4) {
                schedule(e.time() + toEffect, Kind.EFFECT, client, op);
            } else if (fate < 0.7) {
                schedule(e.time() + toCompletion + random.nextLong(MICROS, 200_000 * MICROS), Kind.EFFECT, client, op);
            }
            // Near the end, a client that gives up may never report at all, as if it crashed.
            if (!lastOperation || random.nextBoolean()) {
                schedule(e.time() + toCompletion, Kind.COMPLETE, client, op);
            }
        }

        /** Usually well under a few milliseconds, sometimes tens: a slow member or a long GC pause. */
        private long latency() {
            if (random.nextDouble() < 0.01) {
                return random.nextLong(MICROS, 50_000 * MICROS);
            }
            return random.nextLong(10 * MICROS, 2_000 * MICROS);
        }

        private void takeEffect(Pending op) {
            Operation invoke = op.invoke;
            String current = register.get(invoke.key());
            switch (invoke.f()) {
                case READ -> op.readResult = current;
                case WRITE -> register.put(invoke.key(), invoke.value());
                case CAS -> {
                    op.casSucceeded = Objects.equals(current, invoke.expected());
                    if (op.casSucceeded) {
                        register.put(invoke.key(), invoke.value());
                    }
                }
            }
            op.applied = true;
        }

        private void complete(Event e) {
            Pending op = e.op();
            Operation invoke = op.invoke;
            Operation.Type type;
            if (op.info) {
                type = Operation.Type.INFO;
            } else if (invoke.f() == Operation.Fn.CAS && !op.casSucceeded) {
                type = Operation.Type.FAIL;
            } else {
                type = Operation.Type.OK;
            }
            String value = invoke.f() == Operation.Fn.READ ? (type == Operation.Type.OK ? op.readResult : null)
                    : invoke.value();
            record(e.client(), type, invoke.f(), invoke.key(), value, invoke.expected(), e.time(),
                    type == Operation.Type.OK ? null : type == Operation.Type.FAIL ? "bad version" : "connection loss");
            if (type == Operation.Type.OK) {
                lastSeen.put(e.client() + invoke.key(), value);
            }
            schedule(e.time() + random.nextLong(MICROS, 1_000 * MICROS), Kind.INVOKE, e.client(), null);
        }

        private Operation record(int client, Operation.Type type, Operation.Fn f, String key, String value,
                                 String expected, long time, String error) {
            Operation op = new Operation(history.size(), client, type, f, key, value, expected, client % 3 + 1,
                    time, error);
            history.add(op);
            return op;
        }

        private void schedule(long time, Kind kind, int client, Pending op) {
            events.add(new Event(time, seq++, kind, client, op));
        }
    }
}
