package dev.quorumchaos.service.etcd;

import dev.quorumchaos.ChaosException;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Starts one etcd member as a process of its own: {@code etcd --config-file <memberDir>/etcd.conf.yml},
 * in its member directory, its output appended to {@code member.log}. The command line names the
 * member directory, so the local platform's pid files and sweep find it as they find ZooKeeper's.
 *
 * <p>{@link #start} has the shape of the local platform's member starter (member directory and
 * config file in, process out), and is called at every start, restarts included. A restart that
 * finds the data dir empty after the member had run is a member that lost its disk: it is
 * {@linkplain MemberReplacement replaced} before it starts. If that cannot be done now (no quorum),
 * the start is a process that logs why and exits 1, and the platform restarts it after its delay:
 * a crash loop, as a pod whose replacement step fails would show.
 */
public final class EtcdMemberLauncher {

    static final String LOG_FILE = "member.log";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(2);

    private final EtcdTopology topology;
    private final int ordinal;
    private boolean ranBefore;
    private MemberReplacement.Done lastReplacement;
    /** Why the last start could not replace the member, until a start succeeds. */
    private String lastFailure;
    /** The old id a replacement in progress removed; kept across tries. */
    private long removedId;

    public EtcdMemberLauncher(EtcdTopology topology, int ordinal) {
        this.topology = topology;
        this.ordinal = ordinal;
    }

    /** Writes the config member {@code ordinal} bootstraps with; returns the file to start it with. */
    public Path writeBootstrapConfig(Path memberDir) {
        return topology.bootstrapConfig(ordinal, memberDir).write(memberDir);
    }

    public synchronized Process start(Path memberDir, Path config) {
        Path log = memberDir.resolve(LOG_FILE);
        if (ranBefore && !holdsData(EtcdTopology.dataDir(memberDir))) {
            try {
                Optional<MemberReplacement.Done> done = MemberReplacement.replace(topology, ordinal, ADMIN_TIMEOUT,
                        id -> removedId = id);
                if (done.isPresent()) {
                    topology.joiningConfig(ordinal, memberDir, done.get().initialCluster()).write(memberDir);
                    lastReplacement = done.get().removing(removedId);
                    removedId = 0;
                } else {
                    topology.bootstrapConfig(ordinal, memberDir).write(memberDir);
                }
            } catch (ChaosException e) {
                lastFailure = e.getMessage();
                return failedStart(memberDir, log, e.getMessage());
            }
        }
        ranBefore = true;
        lastFailure = null;
        return launch(memberDir, log, List.of(topology.settings().binary().toString(), "--config-file", config.toString()));
    }

    /** The last replacement of this member after it lost its data, if any: evidence for the fault. */
    public synchronized Optional<String> lastReplacement() {
        return Optional.ofNullable(lastReplacement).map(MemberReplacement.Done::describe);
    }

    /** Why the member could not be replaced at its last start, while that holds: evidence for the checks. */
    public synchronized Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** etcd keeps its WAL and snapshots in {@code <data-dir>/member}; without it the member starts empty. */
    static boolean holdsData(Path dataDir) {
        return Files.isDirectory(dataDir.resolve("member"));
    }

    private Process failedStart(Path memberDir, Path log, String why) {
        return launch(memberDir, log, List.of("sh", "-c", "echo \"quorum-chaos: $1\" >&2; exit 1", "replace",
                why + " (member dir " + memberDir + ")"));
    }

    private Process launch(Path memberDir, Path log, List<String> command) {
        try {
            return new ProcessBuilder(command).directory(memberDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile())).redirectInput(Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new ChaosException("cannot start etcd member " + ordinal + " (" + String.join(" ", command) + "): "
                    + e.getMessage(), e);
        }
    }
}
