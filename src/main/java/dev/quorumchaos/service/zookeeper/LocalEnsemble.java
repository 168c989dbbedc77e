package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.ensemble.MemberControl;
import dev.quorumchaos.ensemble.Resizable;
import dev.quorumchaos.ensemble.Resize;
import dev.quorumchaos.ensemble.RoleObserver;
import dev.quorumchaos.fault.Fault;
import dev.quorumchaos.fault.partition.LinkBehaviour;


import dev.quorumchaos.fault.partition.Partition;
import dev.quorumchaos.fault.partition.Partitionable;
import dev.quorumchaos.fault.partition.PartitionShape;

import dev.quorumchaos.history.History;
import dev.quorumchaos.operation.MemberLifecycle;
import dev.quorumchaos.platform.local.LocalDeployment;
import dev.quorumchaos.platform.local.LocalMember;
import dev.quorumchaos.platform.local.RunDirectory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntConsumer;

/**
 * A ZooKeeper ensemble of member JVMs on this machine, all on loopback. Each member runs the
 * release it was last started at: the spec's, or the one a rolling upgrade gave it; a member a
 * grow adds runs the release the ensemble was last started or upgraded to.
 */
final class LocalEnsemble implements LocalDeployment, MemberControl, Partitionable, Resizable, MemberLifecycle {

    static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    static final Duration ANSWER_TIMEOUT = Duration.ofMillis(250);

    private final RunDirectory runDirectory;
    private final List<MemberPorts> ports;
    private final LinkMesh mesh;
    /** Whether members and clients reach each other through the mesh's proxies (always, but in the benchmark). */
    private final boolean proxied;
    private final MemberLauncher launcher;
    private final MemberReleases releases;
    /** The release each member starts at, by ordinal; a rolling upgrade changes it member by member. */
    private final List<String> versions = new CopyOnWriteArrayList<>();
    /** The release a member added by a grow starts at: the spec's, then the last one upgraded to. */
    private volatile String newMemberRelease;
    private final StandbyPool pool;
    private final ClassDataArchive.Use sharing;
    /** Read by observer and client threads while a resize adds or removes the last member. */
    private final List<LocalMember> members = new CopyOnWriteArrayList<>();
    private final List<IntConsumer> startListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService supervisor;
    private final RoleObserver observer;
    private final Runnable onClose;
    private final EnsembleSpec spec;
    private boolean closed;
    /** Whether a quorum ever served: only then have the members loaded what a member runs. */
    private volatile boolean servedOnce;

    LocalEnsemble(EnsembleSpec spec, History history, RunDirectory runDirectory,
                  List<MemberPorts> ports, LinkMesh mesh, boolean proxied, MemberReleases releases,
                  StandbyPool pool, Runnable onClose) {
        this.runDirectory = runDirectory;
        this.ports = new CopyOnWriteArrayList<>(ports);
        this.mesh = mesh;
        this.proxied = proxied;
        this.releases = releases;
        this.launcher = releases.launcherFor(null);
        this.newMemberRelease = releases.orOwn(spec.version());
        versions.addAll(java.util.Collections.nCopies(spec.size(), newMemberRelease));
        this.pool = pool;
        // members of another release start cold: an archive is the harness release's classes
        this.sharing = releases.own(spec.version()) ? launcher.archive().forNextEnsemble() : ClassDataArchive.Use.NONE;
        this.onClose = onClose;
        this.spec = spec;
        this.supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "member-supervisor");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < spec.size(); i++) {
            members.add(member(i, MemberConfig.servers(ports)));
        }
        // the observer asks each member directly, so a member whose clients are cut off is still seen
        this.observer = new RoleObserver(spec.size(), SrvrAnswer.over(this::realClientAddress), history, POLL_INTERVAL,
                ANSWER_TIMEOUT);
        observer.addListener((change, before, after) -> {
            if (after.hasQuorum()) {
                servedOnce = true;
            }
        });
    }

    private LocalMember member(int ordinal, String servers) {
        Path dir = runDirectory.member(ordinal);
        Path dataDir = dir.resolve("data");
        Path config = new MemberConfig(ordinal, dataDir, servers, spec).write(dir, proxied);
        return new LocalMember(ordinal, dir, config, dataDir, (d, c) -> startMember(ordinal, d, c), spec.restartDelay(),
                supervisor, this::started,
                empty -> java.nio.file.Files.writeString(empty.resolve("myid"), MemberConfig.myid(ordinal) + "\n"));
    }

    /**
     * Starts a new member, ordinal {@link #size()}, on {@code real} ports, with {@code servers} as
     * its server list (the committed one plus its own line), its links opened; it is not a voting
     * member, nor observed, until {@link LocalResize} makes it one.
     */
    synchronized int startNewMember(MemberPorts real, String servers) {
        if (closed) {
            throw new ChaosException("cannot add a member to a closed ensemble");
        }
        int ordinal = members.size();
        int linked = mesh.add(real);
        if (linked != ordinal) {
            throw new IllegalStateException("mesh has member " + linked + " where the ensemble adds " + ordinal);
        }
        ports.add(real);
        versions.add(newMemberRelease);
        // a member removed earlier left its data here: a new member starts on a new volume
        dev.quorumchaos.platform.local.RunDirectory.deleteTree(runDirectory.member(ordinal));
        LocalMember member = member(ordinal, servers);
        members.add(member);
        member.start();
        return ordinal;
    }

    /** Stops the member of the highest ordinal for good (it left the membership) and closes its links. */
    void stopLastMember() {
        LocalMember last;
        synchronized (this) {
            int ordinal = members.size() - 1;
            last = members.remove(ordinal);
            ports.remove(ordinal);
            versions.remove(ordinal);
        }
        try {
            last.close();
        } finally {
            mesh.removeLast();
        }
    }

    @Override
    public Resize grow() {
        return new LocalResize(this).grow();
    }

    @Override
    public Resize shrink() {
        return new LocalResize(this).shrink();
    }

    @Override
    public List<String> membership() {
        return List.of(new Reconfiguration(connectString()).servers().split("\n"));
    }

    /** Starts every member at once (they boot in parallel) and the observer. */
    void start() {
        members.forEach(LocalMember::start);
        observer.start();
    }

    /**
     * A standby from the pool becomes the member; the members that record the class-data
     * archive start now instead, since where they write it is fixed when their JVM starts.
     */
    private Process startMember(int ordinal, Path memberDir, Path config) {
        String version = version(ordinal);
        if (!releases.own(version)) {
            return pool.launch(releases.launcherFor(version), List.of()).become(memberDir, config);
        }
        if (sharing == ClassDataArchive.Use.RECORD) {
            return pool.launch(launcher.archive().flags(sharing, memberDir)).become(memberDir, config);
        }
        try {
            return pool.take().become(memberDir, config);
        } catch (ChaosException standbyDied) {
            return pool.launch(launcher.archive().flagsForStandby()).become(memberDir, config);
        }
    }

    private void started(int ordinal) {
        startListeners.forEach(l -> l.accept(ordinal));
    }

    @Override
    public int size() {
        return members.size();
    }

    /** Through the member's client proxy, so client links can be cut like peer links. */
    @Override
    public InetSocketAddress clientAddress(int ordinal) {
        return proxied ? mesh.clientAddress(ordinal) : realClientAddress(ordinal);
    }

    InetSocketAddress realClientAddress(int ordinal) {
        return new InetSocketAddress("127.0.0.1", ports.get(ordinal).client());
    }

    @Override
    public Fault partition(PartitionShape shape, LinkBehaviour behaviour) {
        if (!proxied) {
            throw new ChaosException("this ensemble's links bypass the proxies: it cannot be partitioned");
        }
        return new Partition(mesh, shape, behaviour);
    }

    @Override
    public RoleObserver observer() {
        return observer;
    }

    @Override
    public MemberControl members() {
        return this;
    }

    @Override
    public String targetName() {
        return "local";
    }

    @Override
    public void saveLogs(Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
            for (int i = 0; i < members.size(); i++) {
                Path log = runDirectory.member(i).resolve("member.log");
                if (java.nio.file.Files.exists(log)) {
                    java.nio.file.Files.copy(log, dir.resolve("member-" + i + ".log"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (java.io.IOException e) {
            throw new ChaosException("cannot save member logs to " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Path directory() {
        return runDirectory.path();
    }

    @Override
    public void kill(int ordinal) {
        members.get(ordinal).kill();
        observer.poll(ordinal);
    }

    @Override
    public void pause(int ordinal) {
        members.get(ordinal).pause();
        observer.poll(ordinal);
    }

    @Override
    public void resume(int ordinal) {
        members.get(ordinal).resume();
    }

    @Override
    public void loseVolume(int ordinal) {
        members.get(ordinal).loseVolume();
        observer.poll(ordinal);
    }

    @Override
    public void ensureRunning(int ordinal) {
        members.get(ordinal).ensureRunning();
    }

    @Override
    public int starts(int ordinal) {
        return members.get(ordinal).starts();
    }

    @Override
    public void onStart(IntConsumer listener) {
        startListeners.add(listener);
    }

    long pid(int ordinal) {
        return members.get(ordinal).pid();
    }

    boolean isAlive(int ordinal) {
        return members.get(ordinal).isAlive();
    }

    boolean isPaused(int ordinal) {
        return members.get(ordinal).isPaused();
    }

    @Override
    public String serviceName() {
        return "ZooKeeper";
    }

    @Override
    public void prepare(String version) {
        releases.prepare(version);
    }

    @Override
    public String version(int ordinal) {
        return versions.get(ordinal);
    }

    /** Asks the member's {@code srvr} directly, past its client proxy: {@code Zookeeper version: 3.9.5-...}. */
    @Override
    public java.util.Optional<String> runningVersion(int ordinal) {
        try {
            return SrvrAnswer.version(FourLetterWord.ask(realClientAddress(ordinal), "srvr",
                    (int) ANSWER_TIMEOUT.toMillis() * 4));
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public void stop(int ordinal) {
        members.get(ordinal).stop();
        observer.poll(ordinal);
    }

    @Override
    public void start(int ordinal, String version) {
        String release = releases.orOwn(version);
        versions.set(ordinal, release);
        newMemberRelease = release;
        members.get(ordinal).start();
    }

    @Override
    public boolean running(int ordinal) {
        return members.get(ordinal).isAlive();
    }

    @Override
    public EnsembleSpec spec() {
        return spec;
    }

    /**
     * Whether this ensemble can serve another scenario as it is: every member serving, none
     * paused, no link cut. A scenario's faults are recovered before this is asked.
     */
    @Override
    public boolean healthy() {
        if (closed || !mesh.impairedLinks().isEmpty() || members.size() != spec.size()) {
            return false; // a resized ensemble serves no other scenario: the next asks for its spec's size
        }
        for (String version : versions) {
            if (!version.equals(releases.orOwn(spec.version()))) {
                return false; // upgraded: no longer what a scenario asking for this spec gets
            }
        }
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).isPaused() || !members.get(i).isAlive()) {
                return false;
            }
        }
        return observer.refresh().states().stream().allMatch(s -> s.serving());
    }

    /** Empties every znode but /zookeeper, then records into the new scenario's history. */
    @Override
    public void reuse(History history) {
        DataReset.emptyAll(connectString());
        adopt(history);
    }

    /** Hands the ensemble to a new scenario: its history, no listeners of the last one. */
    void adopt(History history) {
        startListeners.clear();
        observer.recordInto(history);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        observer.close();
        RuntimeException failure = null;
        boolean recording = sharing == ClassDataArchive.Use.RECORD;
        // every member signalled before any is waited for: they exit side by side (and write
        // their archives in parallel when recording), not one after another
        members.forEach(recording ? LocalMember::terminate : LocalMember::halt);
        for (LocalMember member : members) {
            try {
                member.close(recording);
            } catch (RuntimeException e) {
                failure = e; // keep closing the others; report the failure after
            }
        }
        if (recording) {
            List<Path> dirs = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                dirs.add(runDirectory.member(i));
            }
            if (servedOnce) {
                launcher.archive().adopt(dirs);
            } else {
                launcher.archive().discard(); // a member closed before its election would archive too little
            }
        }
        supervisor.shutdownNow();
        try {
            mesh.close();
        } catch (RuntimeException e) {
            failure = failure == null ? e : failure;
        }
        try {
            if (failure != null) {
                throw failure; // the run directory stays: its pid files lead a later sweep to what lives on
            }
            runDirectory.delete();
        } finally {
            onClose.run();
        }
    }
}
