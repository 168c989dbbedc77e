package dev.quorumchaos.platform.kubernetes;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The harness process that owns a run, written on the run's namespace as
 * {@code machine/pid/start}. A run whose owner is on this machine and no longer alive is
 * abandoned; whether a run started elsewhere is alive cannot be told from here.
 */
record RunOwner(String machine, long pid, String start) {

    /** {@code chaos-<machine>-<yyyyMMdd-HHmmss>-<4 hex>}: the run id names its machine too. */
    private static final Pattern RUN_ID = Pattern.compile("chaos-([0-9a-f]{8})-\\d{8}-\\d{6}-[0-9a-f]{4}");

    static RunOwner current(MachineId machine) {
        ProcessHandle self = ProcessHandle.current();
        return new RunOwner(machine.value(), self.pid(), self.info().startInstant().map(Instant::toString).orElse(""));
    }

    /** Empty for a missing or foreign annotation; one from an older harness ({@code host/pid/start}) parses, naming no machine id. */
    static Optional<RunOwner> parse(String annotation) {
        if (annotation == null) {
            return Optional.empty();
        }
        String[] parts = annotation.split("/", 3);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RunOwner(parts[0], Long.parseLong(parts[1]), parts[2]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The machine named in a run id; empty for ids of older harnesses, which named none. */
    static Optional<String> machineOfRun(String runId) {
        Matcher m = runId == null ? null : RUN_ID.matcher(runId);
        return m != null && m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    String annotation() {
        return machine + "/" + pid + "/" + start;
    }

    boolean on(MachineId here) {
        return machine.equals(here.value());
    }

    /** Alive means: this machine, that pid, and the same start time (pids are reused). */
    boolean aliveOn(MachineId here) {
        return on(here) && ProcessHandle.of(pid)
                .map(p -> p.info().startInstant().map(Instant::toString).orElse("").equals(start))
                .orElse(false);
    }
}
