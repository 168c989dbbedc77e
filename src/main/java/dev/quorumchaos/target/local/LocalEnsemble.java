package dev.quorumchaos.target.local;

import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.ensemble.MemberControl;
import dev.quorumchaos.ensemble.RoleObserver;
import dev.quorumchaos.history.History;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntConsumer;

/** An ensemble of member processes on this machine, all on loopback. */
final class LocalEnsemble implements Ensemble, MemberControl {

    static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    static final Duration ANSWER_TIMEOUT = Duration.ofMillis(250);

    private final RunDirectory runDirectory;
    private final List<MemberConfig.MemberPorts> ports;
    private final List<LocalMember> members = new ArrayList<>();
    private final List<IntConsumer> startListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService supervisor;
    private final RoleObserver observer;
    private final Runnable onClose;
    private boolean closed;

    LocalEnsemble(EnsembleSpec spec, History history, RunDirectory runDirectory,
                  List<MemberConfig.MemberPorts> ports, MemberLauncher launcher, Runnable onClose) {
        this.runDirectory = runDirectory;
        this.ports = List.copyOf(ports);
        this.onClose = onClose;
        this.supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "member-supervisor");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < spec.size(); i++) {
            Path dir = runDirectory.member(i);
            Path dataDir = dir.resolve("data");
            Path config = new MemberConfig(i, dataDir, ports, spec).write(dir);
            members.add(new LocalMember(i, dir, config, dataDir, launcher.command(config, dir), spec.restartDelay(),
                    supervisor, this::started));
        }
        this.observer = new RoleObserver(spec.size(), this::clientAddress, history, POLL_INTERVAL, ANSWER_TIMEOUT);
    }

    /** Starts every member at once (they boot in parallel) and the observer. */
    void start() {
        members.forEach(LocalMember::start);
        observer.start();
    }

    private void started(int ordinal) {
        startListeners.forEach(l -> l.accept(ordinal));
    }

    @Override
    public int size() {
        return members.size();
    }

    @Override
    public InetSocketAddress clientAddress(int ordinal) {
        return new InetSocketAddress("127.0.0.1", ports.get(ordinal).client());
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
            throw new dev.quorumchaos.ChaosException("cannot save member logs to " + dir + ": " + e.getMessage(), e);
        }
    }

    Path directory() {
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

    boolean isPaused(int ordinal) {
        return members.get(ordinal).isPaused();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        observer.close();
        RuntimeException failure = null;
        for (LocalMember member : members) {
            try {
                member.close();
            } catch (RuntimeException e) {
                failure = e; // keep closing the others; report the failure after
            }
        }
        supervisor.shutdownNow();
        if (failure != null) {
            throw failure;
        }
        runDirectory.delete();
        onClose.run();
    }
}
