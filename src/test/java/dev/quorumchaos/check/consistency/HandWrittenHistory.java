package dev.quorumchaos.check.consistency;

import dev.quorumchaos.history.Operation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Builds a history by hand, one operation per line, with times in milliseconds. */
final class HandWrittenHistory {

    private record Event(long timeMs, boolean invoke, int order, int process, Operation.Type type,
                         Operation.Fn f, String key, String value, String expected) {
    }

    private final List<Event> events = new ArrayList<>();

    HandWrittenHistory write(int process, String key, String value, long invokeMs, long okMs) {
        return op(process, Operation.Fn.WRITE, key, value, null, invokeMs, Operation.Type.OK, okMs, value);
    }

    HandWrittenHistory writeFailed(int process, String key, String value, long invokeMs, long failMs) {
        return op(process, Operation.Fn.WRITE, key, value, null, invokeMs, Operation.Type.FAIL, failMs, value);
    }

    /** The client gave up at {@code infoMs}: the write may take effect any time after {@code invokeMs}, or never. */
    HandWrittenHistory writeInfo(int process, String key, String value, long invokeMs, long infoMs) {
        return op(process, Operation.Fn.WRITE, key, value, null, invokeMs, Operation.Type.INFO, infoMs, value);
    }

    /** Invoked, and the history ends before the client reports anything. */
    HandWrittenHistory writeNeverCompleted(int process, String key, String value, long invokeMs) {
        events.add(new Event(invokeMs, true, events.size(), process, Operation.Type.INVOKE, Operation.Fn.WRITE,
                key, value, null));
        return this;
    }

    /** A read that returned {@code value}; null means the key was absent. */
    HandWrittenHistory read(int process, String key, String value, long invokeMs, long okMs) {
        return op(process, Operation.Fn.READ, key, null, null, invokeMs, Operation.Type.OK, okMs, value);
    }

    HandWrittenHistory cas(int process, String key, String expected, String value, long invokeMs, long okMs) {
        return op(process, Operation.Fn.CAS, key, value, expected, invokeMs, Operation.Type.OK, okMs, value);
    }

    HandWrittenHistory casFailed(int process, String key, String expected, String value, long invokeMs, long failMs) {
        return op(process, Operation.Fn.CAS, key, value, expected, invokeMs, Operation.Type.FAIL, failMs, value);
    }

    HandWrittenHistory casInfo(int process, String key, String expected, String value, long invokeMs, long infoMs) {
        return op(process, Operation.Fn.CAS, key, value, expected, invokeMs, Operation.Type.INFO, infoMs, value);
    }

    private HandWrittenHistory op(int process, Operation.Fn f, String key, String value, String expected,
                                  long invokeMs, Operation.Type outcome, long completeMs, String completionValue) {
        events.add(new Event(invokeMs, true, events.size(), process, Operation.Type.INVOKE, f, key, value, expected));
        events.add(new Event(completeMs, false, events.size(), process, outcome, f, key, completionValue, expected));
        return this;
    }

    /** In time order; at equal times completions first, so a process may invoke as its last op completes. */
    List<Operation> operations() {
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(Event::timeMs).thenComparing(Event::invoke).thenComparingInt(Event::order));
        List<Operation> ops = new ArrayList<>();
        for (Event e : sorted) {
            ops.add(new Operation(ops.size(), e.process(), e.type(), e.f(), e.key(), e.value(), e.expected(),
                    e.process() % 3 + 1, e.timeMs() * 1_000_000, null));
        }
        return ops;
    }
}
