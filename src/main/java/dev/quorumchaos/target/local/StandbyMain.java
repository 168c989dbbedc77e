package dev.quorumchaos.target.local;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

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
        Class.forName("org.apache.zookeeper.server.quorum.QuorumPeerMain")
                .getMethod("main", String[].class)
                .invoke(null, (Object) new String[]{assignment[1]});
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
