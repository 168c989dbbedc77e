package dev.quorumchaos.target.kubernetes;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * The harness process that owns a run, written on the run's namespace as
 * {@code host/pid/start}. A run whose owner is on this machine and no longer alive is abandoned;
 * a run owned from another machine cannot be judged from here.
 */
record RunOwner(String host, long pid, String start) {

    static RunOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new RunOwner(hostName(), self.pid(), self.info().startInstant().map(Instant::toString).orElse(""));
    }

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

    String annotation() {
        return host + "/" + pid + "/" + start;
    }

    boolean onThisHost() {
        return host.equals(hostName());
    }

    /** Alive means: this host, that pid, and the same start time (pids are reused). */
    boolean alive() {
        return onThisHost() && ProcessHandle.of(pid)
                .map(p -> p.info().startInstant().map(Instant::toString).orElse("").equals(start))
                .orElse(false);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
