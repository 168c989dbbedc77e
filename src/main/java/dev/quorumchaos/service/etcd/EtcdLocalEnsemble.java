package dev.quorumchaos.service.etcd;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.ensemble.MemberControl;
import dev.quorumchaos.ensemble.Resizable;
import dev.quorumchaos.ensemble.Resize;
import dev.quorumchaos.ensemble.RoleObserver;
import dev.quorumchaos.ensemble.RoleProbe;
import dev.quorumchaos.fault.Fault;
import dev.quorumchaos.fault.partition.LinkBehaviour;
import dev.quorumchaos.fault.partition.Partition;
import dev.quorumchaos.fault.partition.Partitionable;
import dev.quorumchaos.fault.partition.PartitionShape;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberState;
import dev.quorumchaos.operation.MemberLifecycle;
import dev.quorumchaos.platform.local.LocalDeployment;
import dev.quorumchaos.platform.local.LocalMember;
import dev.quorumchaos.platform.local.RunDirectory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * An etcd cluster of member processes on this machine, all on loopback, supervised like pods:
 * a member that exits is started again after the restart delay, and one that lost its data is
 * replaced first ({@link EtcdMemberLauncher}). Peers and clients reach each member through the
 * {@link EtcdPeerMesh}'s proxies; the observer asks each member directly.
 */
final class EtcdLocalEnsemble implements LocalDeployment, MemberControl, Partitionable, Resizable, MemberLifecycle {

    static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    static final Duration ANSWER_TIMEOUT = Duration.ofMillis(250);
    private static final Duration RESET_DEADLINE = Duration.ofSeconds(10);

    private final EnsembleSpec spec;
    private final RunDirectory runDirectory;
    private final EtcdPeerMesh mesh;
    private final EtcdTopology topology;
    /** Read by the observer's and clients' threads while the cluster grows or shrinks. */
    private final List<EtcdMemberLauncher> launchers = new CopyOnWriteArrayList<>();
    private final List<LocalMember> members = new CopyOnWriteArrayList<>();
    private final List<IntConsumer> startListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService supervisor;
    private final EtcdRoleProbe probe;
    private final RoleObserver observer;
    private final Runnable onClose;
    /** The installed etcd's release: the only one members can be (re)started at here. */
    private final String installed;
    private final EtcdSettings settings;
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1)).build();
    private boolean closed;

    EtcdLocalEnsemble(EnsembleSpec spec, History history, RunDirectory runDirectory, EtcdSettings settings,
                      String installed, List<EtcdPorts> ports, EtcdPeerMesh mesh, Runnable onClose) {
        this.spec = spec;
        this.installed = installed;
        this.settings = settings;
        this.runDirectory = runDirectory;
        this.mesh = mesh;
        this.onClose = onClose;
        this.topology = mesh == null ? EtcdTopology.direct(settings, ports) : EtcdTopology.through(settings, ports, mesh);
        this.supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "etcd-member-supervisor");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < spec.size(); i++) {
            Path dir = runDirectory.member(i);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new ChaosException("cannot create the directory of etcd member " + i + ": " + e.getMessage(), e);
            }
            EtcdMemberLauncher launcher = new EtcdMemberLauncher(topology, i);
            launchers.add(launcher);
            members.add(new LocalMember(i, dir, launcher.writeBootstrapConfig(dir), EtcdTopology.dataDir(dir),
                    launcher::start, spec.restartDelay(), supervisor, this::started));
        }
        List<URI> real = IntStream.range(0, spec.size()).mapToObj(topology::realClientUrl).toList();
        this.probe = new EtcdRoleProbe(real, ANSWER_TIMEOUT, topology.ids());
        this.observer = new RoleObserver(spec.size(), this::ask, history, POLL_INTERVAL, ANSWER_TIMEOUT);
    }

    /** etcd's Status answer as a generic role; silence and refusal as the observer expects them. */
    private RoleProbe.Answer ask(int ordinal, int timeoutMillis) throws IOException {
        EtcdRoleProbe.Observation seen = probe.poll(ordinal);
        if (seen.state() == MemberState.UNRESPONSIVE) {
            throw new SocketTimeoutException(seen.detail());
        }
        if (seen.state() == MemberState.DOWN) {
            throw new IOException(whyUnavailable(ordinal).orElse(seen.detail()));
        }
        return RoleProbe.Answer.of(seen.state(), seen.term());
    }

    void start() {
        members.forEach(LocalMember::start);
        observer.start();
    }

    EtcdRoleProbe probe() {
        return probe;
    }

    /**
     * Opens the links of a member joining at the next ordinal and names it in the topology; it is
     * neither started nor observed yet. Returns its ordinal.
     */
    synchronized int linkNewMember(EtcdPorts real) {
        if (closed) {
            throw new ChaosException("cannot add a member to a closed etcd cluster");
        }
        if (mesh != null) {
            mesh.add(real);
        }
        int ordinal = topology.add(real);
        probe.add(topology.realClientUrl(ordinal));
        return ordinal;
    }

    /** Starts the member {@link #linkNewMember} named, added to the cluster whose membership is {@code initialCluster}. */
    synchronized void startNewMember(int ordinal, String initialCluster) {
        Path dir = runDirectory.member(ordinal);
        // a member removed earlier left its data here: a new member starts on a new volume, or it
        // would come up as the removed member, whose id the cluster no longer knows
        RunDirectory.deleteTree(dir);
        EtcdMemberLauncher launcher = new EtcdMemberLauncher(topology, ordinal);
        Path config = topology.joiningConfig(ordinal, dir, initialCluster).write(dir);
        LocalMember member = new LocalMember(ordinal, dir, config, EtcdTopology.dataDir(dir), launcher::start,
                spec.restartDelay(), supervisor, this::started);
        launchers.add(launcher);
        members.add(member);
        member.start();
    }

    /** Stops the member of the highest ordinal for good (the cluster removed it) and closes its links. */
    void stopLastMember() {
        LocalMember last;
        synchronized (this) {
            int ordinal = topology.size() - 1;
            last = ordinal < members.size() ? members.remove(ordinal) : null;
            if (ordinal < launchers.size()) {
                launchers.remove(ordinal);
            }
            probe.removeLast();
            topology.removeLast();
        }
        try {
            if (last != null) {
                last.close();
            }
        } finally {
            if (mesh != null) {
                mesh.removeLast();
            }
        }
    }

    @Override
    public Resize grow() {
        return new EtcdResize(this).grow();
    }

    @Override
    public Resize shrink() {
        return new EtcdResize(this).shrink();
    }

    @Override
    public List<String> membership() {
        return new EtcdResize(this).votingMembers();
    }

    private void started(int ordinal) {
        startListeners.forEach(l -> l.accept(ordinal));
    }

    EtcdTopology topology() {
        return topology;
    }

    /** What the last replacement of member {@code ordinal} did after it lost its data, if any. */
    Optional<String> lastReplacement(int ordinal) {
        return launchers.get(ordinal).lastReplacement();
    }

    @Override
    public int size() {
        return members.size();
    }

    @Override
    public InetSocketAddress clientAddress(int ordinal) {
        URI url = topology.clientUrl(ordinal);
        return new InetSocketAddress(url.getHost(), url.getPort());
    }

    @Override
    public Fault partition(PartitionShape shape, LinkBehaviour behaviour) {
        if (mesh == null) {
            throw new ChaosException("this cluster's links bypass the proxies: it cannot be partitioned");
        }
        return new Partition(mesh, shape, behaviour);
    }

    /** A member that lost its data and cannot be replaced says why (no quorum to re-add it). */
    @Override
    public Optional<String> whyUnavailable(int ordinal) {
        return launchers.get(ordinal).lastFailure();
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
            Files.createDirectories(dir);
            for (int i = 0; i < members.size(); i++) {
                Path log = runDirectory.member(i).resolve(EtcdMemberLauncher.LOG_FILE);
                if (Files.exists(log)) {
                    Files.copy(log, dir.resolve("member-" + i + ".log"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new ChaosException("cannot save member logs to " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Path directory() {
        return runDirectory.path();
    }

    @Override
    public String serviceName() {
        return "etcd";
    }

    @Override
    public void prepare(String version) {
        InstalledEtcd.require(version, installed, settings.binary());
    }

    @Override
    public String version(int ordinal) {
        return installed;
    }

    /** What the member's {@code /version} says, asked directly, past its client proxy. */
    @Override
    public Optional<String> runningVersion(int ordinal) {
        return InstalledEtcd.running(http, topology.realClientUrl(ordinal));
    }

    @Override
    public void stop(int ordinal) {
        members.get(ordinal).stop();
        observer.poll(ordinal);
    }

    @Override
    public void start(int ordinal, String version) {
        prepare(version);
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

    /** The member restarts with an empty data dir and is replaced: removed and added back under a new id. */
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

    @Override
    public boolean healthy() {
        if (closed || (mesh != null && !mesh.impairedLinks().isEmpty()) || members.size() != spec.size()) {
            return false; // a resized cluster serves no other scenario: the next asks for its spec's size
        }
        for (LocalMember member : members) {
            if (member.isPaused() || !member.isAlive()) {
                return false;
            }
        }
        return observer.refresh().states().stream().allMatch(MemberState::serving);
    }

    /** Deletes every key and compacts, then records into the new scenario's history. */
    @Override
    public void reuse(History history) {
        EtcdContents.emptyAll(topology, RESET_DEADLINE);
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
        probe.close();
        RuntimeException failure = null;
        members.forEach(LocalMember::halt);
        for (LocalMember member : members) {
            try {
                member.close();
            } catch (RuntimeException e) {
                failure = e; // keep closing the others; report the failure after
            }
        }
        supervisor.shutdownNow();
        if (mesh != null) {
            try {
                mesh.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
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
