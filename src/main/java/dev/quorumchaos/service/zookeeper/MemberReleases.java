package dev.quorumchaos.service.zookeeper;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which launcher starts a member of a given ZooKeeper release: the harness's own release keeps the
 * harness's launcher (standby pool, class-data sharing); any other is resolved once
 * ({@link ZooKeeperReleases}) and its members start cold.
 */
final class MemberReleases {

    private final MemberLauncher own;
    private final String ownVersion;
    private final ZooKeeperReleases releases;
    private final Map<String, MemberLauncher> others = new ConcurrentHashMap<>();

    MemberReleases(MemberLauncher own, String ownVersion, ZooKeeperReleases releases) {
        this.own = own;
        this.ownVersion = ownVersion;
        this.releases = releases;
    }

    String ownVersion() {
        return ownVersion;
    }

    boolean own(String version) {
        return version == null || version.equals(ownVersion);
    }

    /** The version a spec's null means. */
    String orOwn(String version) {
        return version == null ? ownVersion : version;
    }

    /** Resolves {@code version}'s jars now (bad input if it cannot be); nothing starts. */
    void prepare(String version) {
        if (!own(version)) {
            launcherFor(version);
        }
    }

    /** The launcher of {@code version}'s members; resolves its jars the first time. */
    MemberLauncher launcherFor(String version) {
        if (own(version)) {
            return own;
        }
        return others.computeIfAbsent(version, v -> own.forServerJars(releases.serverJars(v)));
    }
}
