package dev.quorumchaos.service.zookeeper;

import org.apache.zookeeper.server.ZKDatabase;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.apache.zookeeper.server.quorum.QuorumPeerMain;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;


/**
 * The entry point of every member JVM. It does at once the start-up work every ZooKeeper server
 * repeats (TLS defaults, the MBean server, logging), then waits for one line on standard input,
 * {@code <member dir>\t<zoo.cfg>}, and becomes that member by running {@code QuorumPeerMain}.
 * So the harness can start member JVMs before it knows which members they will be, and a member
 * is only ZooKeeper's own start away. End of input before that line means the harness is gone:
 * the JVM exits.
 *
 * <p>This class runs in the member JVM, on ZooKeeper's classpath: it uses nothing of the harness
 * and no nested classes, so it travels alone in a one-class jar ({@link StandbyJar}).
 */
public final class StandbyMain {

    /** What a standby prints once its set-up is done. */
    static final String READY = "standby: ready";

    private StandbyMain() {
    }

    public static void main(String[] args) throws Exception {
        warmUp();
        if (System.in.available() == 0) { // no member waits for this JVM yet: time to rehearse
            rehearse(Path.of(System.getProperty("chaos.standby.dir", ".")).resolve("rehearsal"));
        }
        System.out.println(READY);
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            System.out.println("standby: the harness is gone; exiting");
            System.exit(0);
        }
        String[] assignment = line.split("\t");
        PrintStream log = new PrintStream(new FileOutputStream(assignment[0] + "/member.log", true), true,
                StandardCharsets.UTF_8);
        System.setOut(log);
        System.setErr(log);
        System.setProperty("chaos.member.dir", assignment[0]);
        resolveAsTheMember(Path.of(assignment[0]));
        QuorumPeerMain.main(new String[]{assignment[1]});
    }

    /**
     * The JVM resolves names from the file {@code jdk.net.hosts.file} names (fixed at launch, in
     * the slot), read at every lookup: pointing it at the member's own hosts file gives the member
     * its view of the names in the server list.
     */
    private static void resolveAsTheMember(Path memberDir) throws IOException {
        String hosts = System.getProperty("jdk.net.hosts.file");
        Path own = memberDir.resolve("hosts");
        if (hosts != null && Files.exists(own)) {
            Files.deleteIfExists(Path.of(hosts));
            Files.createSymbolicLink(Path.of(hosts), own.toAbsolutePath());
        }
    }

    /**
     * Runs what a member does to its config and data dir before its election (parse a quorum
     * config, load an empty database, write a snapshot) once, on a throwaway directory: the
     * member's own start then finds those classes loaded, initialised and linked. These objects
     * hold no JVM-wide state; a failure only means less is warm.
     */
    private static void rehearse(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("myid"), "1\n");
            Path cfg = dir.resolve("zoo.cfg");
            Files.writeString(cfg, "tickTime=500\ninitLimit=10\nsyncLimit=5\ndataDir=" + dir + "\n"
                    + "clientPort=2181\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\n"
                    + "server.1=127.0.0.1:2888:3888\nserver.2=127.0.0.1:2889:3889\nserver.3=127.0.0.1:2890:3890\n");
            new QuorumPeerConfig().parse(cfg.toString());
            FileTxnSnapLog log = new FileTxnSnapLog(dir.toFile(), dir.toFile());
            ZKDatabase db = new ZKDatabase(log);
            db.loadDataBase();
            log.save(db.getDataTree(), db.getSessionWithTimeOuts(), false);
            db.close();
        } catch (Exception | LinkageError e) {
            System.out.println("standby: rehearsal incomplete: " + e);
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            } catch (IOException | RuntimeException e) {
                // the slot and all in it go when the standby exits
            }
        }
    }

    /**
     * ZooKeeper computes its default TLS protocol when X509Util loads, which builds the JVM's
     * default SSLContext (~130 ms here, although members use no TLS); its quorum peer registers
     * beans with the platform MBean server (~60 ms to create). Both are JVM-wide and hold no
     * member state, so doing them early changes nothing but when they happen.
     */
    private static void warmUp() throws IOException, ClassNotFoundException {
        ClassLoader loader = StandbyMain.class.getClassLoader();
        ManagementFactory.getPlatformMBeanServer();
        Class.forName("org.apache.zookeeper.common.X509Util", true, loader);
        for (String name : new String[]{
                "org.apache.zookeeper.server.quorum.QuorumPeerMain",
                "org.apache.zookeeper.server.quorum.QuorumPeerConfig",
                "org.apache.zookeeper.server.quorum.QuorumPeer",
                "org.apache.zookeeper.server.quorum.FastLeaderElection",
                "org.apache.zookeeper.server.quorum.QuorumCnxManager",
                "org.apache.zookeeper.server.quorum.Leader",
                "org.apache.zookeeper.server.quorum.Follower",
                "org.apache.zookeeper.server.NIOServerCnxnFactory",
                "org.apache.zookeeper.server.ZKDatabase",
                "org.apache.zookeeper.server.persistence.FileTxnSnapLog"}) {
            Class.forName(name, false, loader);
        }
    }
}
