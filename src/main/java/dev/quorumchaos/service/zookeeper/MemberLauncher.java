package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.platform.local.RunDirectory;
import dev.quorumchaos.ChaosException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The command line of one member JVM: {@link StandbyMain}, which becomes ZooKeeper's
 * {@code QuorumPeerMain} once told which member it is, with the jars it needs taken from the
 * harness's own classpath, so members run exactly the ZooKeeper the harness was built against.
 * Flags favour start-up time over throughput: members serve a few writes a second.
 */
final class MemberLauncher {

    /** ZooKeeper, what its server needs at start (metrics, snappy, an SLF4J provider) and Netty. */
    private static final Pattern MEMBER_JAR = Pattern.compile(
            "(zookeeper|zookeeper-jute|audience-annotations|metrics-core|snappy-java|slf4j-api|slf4j-simple"
                    + "|commons-io|netty-[a-z0-9-]+)-\\d[^" + Pattern.quote(File.separator) + "]*\\.jar");

    private final String java;
    private final String classpath;
    private final Path cds;
    private final Path standbyJar;
    private final ClassDataArchive archive;

    private MemberLauncher(String java, String classpath, Path cds, Path standbyJar) {
        this.java = java;
        this.classpath = classpath;
        this.cds = cds;
        this.standbyJar = standbyJar;
        this.archive = new ClassDataArchive(cds, java, classpath);
    }

    ClassDataArchive archive() {
        return archive;
    }

    private static final java.util.Map<Path, MemberLauncher> SHARED = new java.util.HashMap<>();

    /**
     * One per JVM and work directory ({@code .chaos/cds} holds the archive and the standby jar):
     * the archive it holds knows whether an ensemble is already recording.
     */
    static synchronized MemberLauncher fromHarnessClasspath() {
        return SHARED.computeIfAbsent(RunDirectory.root().resolveSibling("cds"), MemberLauncher::fromClasspath);
    }

    private static MemberLauncher fromClasspath(Path cds) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> MEMBER_JAR.matcher(Path.of(entry).getFileName().toString()).matches())
                .toList();
        if (jars.stream().noneMatch(j -> Path.of(j).getFileName().toString().startsWith("zookeeper-3"))) {
            throw new ChaosException("cannot start local members: no zookeeper jar on the harness classpath ("
                    + System.getProperty("java.class.path") + "). Run through ./chaos or Maven.");
        }
        Path standbyJar = StandbyJar.in(cds);
        return new MemberLauncher(java, jars.stream().collect(Collectors.joining(File.pathSeparator))
                + File.pathSeparator + standbyJar, cds, standbyJar);
    }

    /**
     * A member JVM that starts in {@code slot} (its pid file and early log) and waits there to
     * be told its member; {@code sharing} are its class-data-sharing flags.
     */
    List<String> command(Path slot, List<String> sharing) {
        if (!Files.isRegularFile(standbyJar)) {
            StandbyJar.in(cds); // something removed it (rm -rf .chaos): the same bytes give the same name
        }
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xms16m", "-Xmx128m", "-Xss512k",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                // three member JVMs compile the same start-up code each: compiling only code run
                // five times as often as by default cuts a standby's CPU by a sixth (0.64 -> 0.53 s)
                "-XX:Tier3InvocationThreshold=1000", "-XX:Tier3MinInvocationThreshold=500",
                "-XX:Tier3CompileThreshold=10000", "-XX:Tier3BackEdgeThreshold=300000",
                "-Djava.net.preferIPv4Stack=true",
                "-Dzookeeper.admin.enableServer=false",
                // how long an election waits to connect to a peer: 5 s by default, which a cut link
                // turns into 5 s of election; loopback connects in microseconds
                "-Dzookeeper.cnxTimeout=500",
                "-Dzookeeper.jmx.log4j.disable=true",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
                "-Dorg.slf4j.simpleLogger.logFile=System.out",
                // the observer asks srvr many times a second; one log line per question drowns the rest
                "-Dorg.slf4j.simpleLogger.log.org.apache.zookeeper.server.NIOServerCnxn=warn",
                "-Dchaos.standby.dir=" + slot));
        command.addAll(sharing);
        // extra JVM flags for every member, e.g. to try a class-data-sharing archive
        String extra = System.getProperty("chaos.member.jvmFlags", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of(
                "-cp", classpath,
                StandbyMain.class.getName()));
        return command;
    }
}
