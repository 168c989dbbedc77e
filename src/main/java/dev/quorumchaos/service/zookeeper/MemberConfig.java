package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.EnsembleSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One member's configuration: a static {@code zoo.cfg} and the dynamic file it names, which holds
 * the server list. Everything listens on loopback only: the client port through each server line's
 * client address, the quorum and election ports through the names in the server lines (see
 * {@link MemberNames}), and the AdminServer is off.
 *
 * <p>Members run with dynamic reconfiguration on, so the harness can grow and shrink the ensemble
 * ({@link Reconfiguration}); once a reconfig commits, ZooKeeper writes the new server list to a
 * new dynamic file and points {@code zoo.cfg} at it, so a member restarted after a kill comes back
 * with the membership it last knew.
 *
 * @param servers the dynamic file's server lines, the same text for every member
 */
record MemberConfig(int ordinal, Path dataDir, String servers, EnsembleSpec spec) {

    static final String STATIC_FILE = "zoo.cfg";
    static final String DYNAMIC_FILE = "zoo.cfg.dynamic";

    static int myid(int ordinal) {
        return ordinal + 1; // ZooKeeper ids start at 1, ordinals at 0
    }

    /** The line that names member {@code ordinal}: a voting member, its client port on loopback. */
    static String serverLine(int ordinal, MemberPorts ports) {
        return "server." + myid(ordinal) + "=" + MemberNames.name(ordinal) + ":" + ports.quorum() + ":"
                + ports.election() + ":participant;127.0.0.1:" + ports.client();
    }

    /** The server list of an ensemble booted with these members. */
    static String servers(List<MemberPorts> ports) {
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < ports.size(); i++) {
            servers.append(serverLine(i, ports.get(i))).append('\n');
        }
        return servers.toString();
    }

    String renderStatic(Path dynamicFile) {
        return "tickTime=" + spec.tickTime().toMillis() + '\n'
                + "initLimit=" + spec.initLimit() + '\n'
                + "syncLimit=" + spec.syncLimit() + '\n'
                + "dataDir=" + dataDir + '\n'
                + "admin.enableServer=false\n"
                + "4lw.commands.whitelist=srvr,mntr,ruok,stat,conf\n"
                + "standaloneEnabled=false\n"
                + "reconfigEnabled=true\n"
                // becomes the system property zookeeper.DigestAuthenticationProvider.superDigest:
                // reconfig is the super user's alone (ZOOKEEPER-2014), and only the harness knows it
                + "DigestAuthenticationProvider.superDigest=" + Reconfiguration.SUPER_DIGEST + '\n'
                + "autopurge.purgeInterval=0\n"
                + "dynamicConfigFile=" + dynamicFile + '\n';
    }

    /**
     * Writes both files, the data dir's {@code myid}, as the official image's entrypoint does, and
     * the member's hosts file.
     */
    Path write(Path memberDir, boolean proxied) {
        try {
            Files.createDirectories(dataDir);
            Files.writeString(dataDir.resolve("myid"), myid(ordinal) + "\n");
            Path dynamic = memberDir.resolve(DYNAMIC_FILE);
            Files.writeString(dynamic, servers);
            Path file = memberDir.resolve(STATIC_FILE);
            Files.writeString(file, renderStatic(dynamic));
            MemberNames.write(memberDir, ordinal, proxied);
            return file;
        } catch (IOException e) {
            throw new ChaosException("cannot write the config of member " + ordinal + " in " + memberDir
                    + ": " + e.getMessage(), e);
        }
    }
}
