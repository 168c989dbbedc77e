package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.EnsembleSpec;



import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One member's {@code zoo.cfg}. Everything listens on loopback only: the client port through
 * {@code clientPortAddress}, the quorum and election ports through the server lines, and the
 * AdminServer is off.
 */
record MemberConfig(int ordinal, Path dataDir, List<MemberPorts> ports, BiFunction<Integer, Integer, PeerPorts> peers,
                    EnsembleSpec spec) {

    static int myid(int ordinal) {
        return ordinal + 1; // ZooKeeper ids start at 1, ordinals at 0
    }

    String render() {
        StringBuilder cfg = new StringBuilder()
                .append("tickTime=").append(spec.tickTime().toMillis()).append('\n')
                .append("initLimit=").append(spec.initLimit()).append('\n')
                .append("syncLimit=").append(spec.syncLimit()).append('\n')
                .append("dataDir=").append(dataDir).append('\n')
                .append("clientPort=").append(ports.get(ordinal).client()).append('\n')
                .append("clientPortAddress=127.0.0.1\n")
                .append("admin.enableServer=false\n")
                .append("4lw.commands.whitelist=srvr,mntr,ruok,stat,conf\n")
                .append("standaloneEnabled=false\n")
                .append("reconfigEnabled=false\n")
                .append("autopurge.purgeInterval=0\n");
        // Peers are reached through the harness's link proxies, so links can be cut; a member's
        // own entry is its real address, which it binds.
        for (int i = 0; i < ports.size(); i++) {
            cfg.append("server.").append(myid(i)).append('=').append(peers.apply(ordinal, i).serverAddress()).append('\n');
        }
        return cfg.toString();
    }

    /** Writes the config and the data dir's {@code myid}, as the official image's entrypoint does. */
    Path write(Path memberDir) {
        try {
            Files.createDirectories(dataDir);
            Files.writeString(dataDir.resolve("myid"), myid(ordinal) + "\n");
            Path file = memberDir.resolve("zoo.cfg");
            Files.writeString(file, render());
            return file;
        } catch (IOException e) {
            throw new ChaosException("cannot write the config of member " + ordinal + " in " + memberDir
                    + ": " + e.getMessage(), e);
        }
    }
}
