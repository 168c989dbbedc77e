package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.ChaosException;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.admin.ZooKeeperAdmin;
import org.apache.zookeeper.data.Stat;

import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * ZooKeeper's dynamic reconfiguration as the harness asks for it: incremental {@code reconfig
 * -add} and {@code -remove} through {@link ZooKeeperAdmin}, and the server list the leader last
 * committed ({@code getConfig}).
 *
 * <p>Since 3.5.3 only the super user may reconfig (ZOOKEEPER-2014): members run with a
 * {@code superDigest} of a secret only the harness knows, and this client authenticates as that
 * user. {@code zookeeper.skipACL=yes}, the other documented way, would switch off every ACL check
 * and so change what the workloads' requests test.
 */
final class Reconfiguration {

    static final String SUPER_AUTH = "super:chaos-harness";
    static final String SUPER_DIGEST = digest();

    private static final int TIMEOUT_MILLIS = 15_000;

    private final String connectString;

    Reconfiguration(String connectString) {
        this.connectString = connectString;
    }

    /** The committed server lines, without the {@code version=} line: what a joining member starts with. */
    String servers() {
        return serverLines(config());
    }

    /** The committed configuration, {@code version=} line included. */
    String config() {
        return call("read the configuration", admin -> new String(admin.getConfig(false, new Stat()),
                StandardCharsets.UTF_8));
    }

    /** Adds {@code serverLine} as a voting member; returns the new configuration. */
    String add(String serverLine) {
        String id = serverLine.substring(0, serverLine.indexOf('=') + 1);
        return reconfig("reconfig -add " + serverLine, List.of(serverLine), null, config -> config.contains(id));
    }

    /** Removes the member of {@code myid}; returns the new configuration. */
    String remove(int myid) {
        return reconfig("reconfig -remove " + myid, null, List.of(String.valueOf(myid)),
                config -> !config.contains("server." + myid + "="));
    }

    /**
     * A reconfig whose answer may be lost: removing the leader ends its sessions as leadership
     * moves, and any member may drop a session under load. The outcome is then unknown, so the
     * committed configuration is read again (through whichever member answers) until it shows
     * the change or {@link #TIMEOUT_MILLIS} passes.
     */
    private String reconfig(String what, List<String> joining, List<String> leaving,
                            Predicate<String> done) {
        try {
            return call(what, admin -> new String(admin.reconfigure(joining, leaving, null, -1, new Stat()),
                    StandardCharsets.UTF_8));
        } catch (ChaosException e) {
            if (!(e.getCause() instanceof KeeperException.ConnectionLossException)) {
                throw e;
            }
            AtomicReference<String> seen = new AtomicReference<>("");
            try {
                await(what + " seen committed after its answer was lost")
                        .atMost(Duration.ofMillis(TIMEOUT_MILLIS))
                        .pollInterval(Duration.ofMillis(100))
                        .ignoreExceptionsInstanceOf(ChaosException.class)
                        .until(() -> done.test(seen.updateAndGet(old -> config())));
            } catch (ConditionTimeoutException notSeen) {
                throw new ChaosException("cannot " + what + ": the answer was lost (" + e.getMessage()
                        + ") and the committed configuration does not show it within " + TIMEOUT_MILLIS + " ms: "
                        + seen.get().replace('\n', ' '), e);
            }
            return seen.get();
        }
    }

    static String serverLines(String config) {
        StringBuilder servers = new StringBuilder();
        for (String line : config.split("\n")) {
            if (line.startsWith("server.")) {
                servers.append(line.trim()).append('\n');
            }
        }
        return servers.toString();
    }

    /** The {@code version=} of a configuration, as ZooKeeper writes it (hex), or "?" when it has none. */
    static String version(String config) {
        return Arrays.stream(config.split("\n")).filter(l -> l.startsWith("version="))
                .map(l -> l.substring("version=".length()).trim()).findFirst().orElse("?");
    }

    @FunctionalInterface
    private interface AdminCall<T> {
        T on(ZooKeeperAdmin admin) throws KeeperException, InterruptedException;
    }

    private <T> T call(String what, AdminCall<T> call) {
        CountDownLatch connected = new CountDownLatch(1);
        try {
            ZooKeeperAdmin admin = new ZooKeeperAdmin(connectString, TIMEOUT_MILLIS, event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
            try {
                if (!connected.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                    throw new ChaosException("cannot " + what + ": no session with " + connectString + " within "
                            + TIMEOUT_MILLIS + " ms");
                }
                admin.addAuthInfo("digest", SUPER_AUTH.getBytes(StandardCharsets.UTF_8));
                return call.on(admin);
            } finally {
                admin.close();
            }
        } catch (IOException | KeeperException e) {
            throw new ChaosException("cannot " + what + " on " + connectString + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosException("interrupted while trying to " + what, e);
        }
    }

    /**
     * {@code user:base64(sha1(user:password))}, as {@code DigestAuthenticationProvider.generateDigest}
     * computes it with its default SHA1. Computed here: loading that server class in the harness
     * runs its static set-up (properties, logging) on every deploy's path, about a tenth of a second.
     */
    static String digest() {
        try {
            byte[] sha1 = java.security.MessageDigest.getInstance("SHA1").digest(SUPER_AUTH.getBytes(StandardCharsets.UTF_8));
            return SUPER_AUTH.substring(0, SUPER_AUTH.indexOf(':')) + ":" + java.util.Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-1 in this JVM", e);
        }
    }
}
