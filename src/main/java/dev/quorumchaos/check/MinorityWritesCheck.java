package dev.quorumchaos.check;

import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.Operation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * While a partition holds, the members cut off from every majority must not acknowledge a write:
 * a write sent through one of them ends {@code fail} or {@code info}, never {@code ok}.
 */
public final class MinorityWritesCheck {

    public static final String NAME = "minority serves no writes";

    /** A partition's window and the members it stranded. */
    public record Window(String description, long fromNanos, long toNanos, Set<Integer> minority) {

        /**
         * The stretch in which the partition {@code faultId} cut its links in full: from when
         * applying ended to when healing began (to {@code nowNanos} while it holds). A write sent
         * while the proxies were still cutting may commit on a majority the leader could still
         * reach, and be acknowledged by a minority member a moment later: that is no violation.
         */
        public static Optional<Window> of(List<FaultEvent> events, String faultId, String description,
                                          Set<Integer> minority, long nowNanos) {
            long from = -1;
            long to = nowNanos;
            for (FaultEvent e : events) {
                if (e.faultId().equals(faultId)) {
                    if (e.phase() == FaultEvent.Phase.APPLY) {
                        from = e.effectiveNanos();
                    } else {
                        to = e.effectiveNanos();
                    }
                }
            }
            return from >= 0 ? Optional.of(new Window(description, from, to, minority)) : Optional.empty();
        }
    }

    private MinorityWritesCheck() {
    }

    public static Verdict check(List<Operation> history, List<Window> windows) {
        if (windows.isEmpty()) {
            return Verdict.unknown(NAME, "no partition was applied, so no minority was cut off",
                    MinorityWritesEvidence.NO_PARTITION);
        }
        Map<Long, Operation> open = new HashMap<>();
        Map<Integer, Operation> openByProcess = new HashMap<>();
        int attempted = 0;
        int ok = 0;
        int failed = 0;
        int unknown = 0;
        List<MinorityWritesEvidence.Acknowledged> acknowledged = new ArrayList<>();
        for (Operation op : history) {
            if (op.f() == Operation.Fn.READ) {
                continue;
            }
            if (op.isInvoke()) {
                openByProcess.put(op.process(), op);
                continue;
            }
            Operation invoke = openByProcess.remove(op.process());
            if (invoke == null) {
                continue;
            }
            // an acknowledgement counts against the member that sent it; an attempt against the one
            // the client was talking to when it sent the request
            Window window = windowOf(windows, op.type() == Operation.Type.OK ? op : invoke, invoke.timeNanos());
            if (window == null) {
                continue;
            }
            attempted++;
            switch (op.type()) {
                case OK -> {
                    ok++;
                    if (acknowledged.size() < 20) {
                        acknowledged.add(new MinorityWritesEvidence.Acknowledged(op.key(), op.member(),
                                invoke.timeMillis(), op.timeMillis(), window.description()));
                    }
                }
                case FAIL -> failed++;
                default -> unknown++;
            }
        }
        List<String> partitions = windows.stream().map(w -> w.description() + " (minority " + w.minority() + ")").toList();
        if (ok > 0) {
            // the member is the one whose answer carried the acknowledgement
            return Verdict.fail(NAME, ok + " write(s) acknowledged by a cut-off minority, e.g. " + acknowledged.get(0).key()
                    + " by member " + acknowledged.get(0).member(),
                    new MinorityWritesEvidence(partitions, attempted, ok, failed, unknown, acknowledged));
        }
        MinorityWritesEvidence evidence = new MinorityWritesEvidence(partitions, attempted, ok, failed, unknown, null);
        if (attempted == 0) {
            return Verdict.unknown(NAME, "no write was sent to the minority during the partition", evidence);
        }
        return Verdict.pass(NAME, "none of " + attempted + " write(s) sent to the minority was acknowledged ("
                + failed + " failed, " + unknown + " indeterminate)", evidence);
    }

    private static Window windowOf(List<Window> windows, Operation op, long invokedNanos) {
        for (Window w : windows) {
            if (invokedNanos >= w.fromNanos() && invokedNanos < w.toNanos()
                    && w.minority().contains(op.member())) {
                return w;
            }
        }
        return null;
    }
}
