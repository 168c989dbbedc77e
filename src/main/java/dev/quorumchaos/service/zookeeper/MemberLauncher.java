package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.settings.RunSettings;

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
    /** Extra JVM flags for every member ({@code chaos.member.jvmFlags}), e.g. to try a class-data-sharing archive. */
    private final List<String> extraFlags;

    private MemberLauncher(String java, String classpath, Path cds, Path standbyJar, String vmVersion,
                           List<String> extraFlags) {
        this.java = java;
        this.classpath = classpath;
        this.cds = cds;
        this.standbyJar = standbyJar;
        this.extraFlags = extraFlags;
        this.archive = new ClassDataArchive(cds, java, classpath, vmVersion);
    }

    ClassDataArchive archive() {
        return archive;
    }

    /** What every member JVM takes from the harness whatever its release: metrics, snappy and logging (slf4j 2 finds slf4j-simple). */
    private static final Pattern HARNESS_SIDE = Pattern.compile("(metrics-core|snappy-java|slf4j-api|slf4j-simple)-\\d.*\\.jar");

    /**
     * A launcher of members of another release: its server jars ({@code ZooKeeperReleases}) with
     * the harness's logging and the provided-scope jars a server needs. Its JVMs start cold: no
     * class-data archive (one is keyed by the classpath) and no pool of standbys.
     */
    MemberLauncher forServerJars(List<Path> serverJars) {
        List<String> entries = new ArrayList<>(serverJars.stream().map(Path::toString).toList());
        for (String entry : classpath.split(File.pathSeparator)) {
            if (HARNESS_SIDE.matcher(Path.of(entry).getFileName().toString()).matches()) {
                entries.add(entry);
            }
        }
        entries.add(standbyJar.toString());
        return new MemberLauncher(java, String.join(File.pathSeparator, entries), cds, standbyJar, "", extraFlags);
    }

    /** Where a launcher's archive and standby jar are, and the flags it adds: one launcher per key. */
    private record Key(Path cds, String extraFlags) {
    }

    private static final java.util.Map<Key, MemberLauncher> SHARED = new java.util.HashMap<>();

    /**
     * One per JVM, work directory ({@code .chaos/cds} holds the archive and the standby jar) and
     * extra flags: the archive it holds knows whether an ensemble is already recording.
     */
    static synchronized MemberLauncher fromHarnessClasspath(RunSettings settings) {
        return SHARED.computeIfAbsent(new Key(settings.runsDir().resolveSibling("cds"), settings.memberJvmFlags()),
                key -> fromClasspath(key.cds(), settings.machine(), key.extraFlags()));
    }

    private static MemberLauncher fromClasspath(Path cds, RunSettings.Machine machine, String extraFlags) {
        String java = machine.java().toString();
        List<String> jars = Arrays.stream(machine.classPath().split(File.pathSeparator))
                .filter(entry -> MEMBER_JAR.matcher(Path.of(entry).getFileName().toString()).matches())
                .toList();
        if (jars.stream().noneMatch(j -> Path.of(j).getFileName().toString().startsWith("zookeeper-3"))) {
            throw new ChaosException("cannot start local members: no zookeeper jar on the harness classpath ("
                    + machine.classPath() + "). Run through ./chaos or Maven.");
        }
        Path standbyJar = StandbyJar.in(cds);
        return new MemberLauncher(java, jars.stream().collect(Collectors.joining(File.pathSeparator))
                + File.pathSeparator + standbyJar, cds, standbyJar, machine.vmVersion(),
                extraFlags.isEmpty() ? List.of() : List.of(extraFlags.split("\\s+")));
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
                "-Dchaos.standby.dir=" + slot,
                // the member's view of the names in the server list: StandbyMain links it to the member's own
                "-Djdk.net.hosts.file=" + slot.resolve("hosts")));
        command.addAll(sharing);
        command.addAll(extraFlags);
        command.addAll(List.of(
                "-cp", classpath,
                StandbyMain.class.getName()));
        return command;
    }
}
