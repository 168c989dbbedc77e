package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.platform.local.RunDirectory;
import dev.quorumchaos.platform.local.LocalTarget;
import dev.quorumchaos.bench.WholeRunBenchmark;
import dev.quorumchaos.check.DurabilityCheck;
import dev.quorumchaos.cli.ChaosCli;
import dev.quorumchaos.ensemble.Ensemble;
import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.ensemble.RoleObserver;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.Operation;
import dev.quorumchaos.report.Json;
import dev.quorumchaos.settings.RunSettings;
import dev.quorumchaos.workload.MemberContents;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * bench/run: this harness's local target beside Curator's in-process TestingCluster, measured in
 * the same run and observed the same way (each member's srvr answer, polled every 20 ms), then
 * the checks on synthetic histories and a whole scenario. Prints medians and ratios.
 */
public final class Benchmark {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final int runs;
    private final Path root = RunSettings.fromSystem().runsDir();

    private Benchmark(int runs) {
        this.runs = runs;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--curator-first")) {
            System.out.println(curatorBootToQuorum(Integer.parseInt(args[1])));
            System.exit(0);
        }
        int runs = 5;
        String only = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--only" -> only = args[i + 1];
                default -> throw new IllegalArgumentException("bench/run [--runs N] [--only whole-run|services]: " + args[i]);
            }
        }
        Benchmark bench = new Benchmark(runs);
        System.out.printf("bench: %d runs per figure, medians; %d cores, Java %s%n%n", runs,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        if ("whole-run".equals(only)) {
            bench.wholeRun();
        } else if ("services".equals(only)) {
            bench.services();
        } else if (only != null) {
            throw new IllegalArgumentException("--only takes whole-run or services, not " + only);
        } else {
            bench.all();
        }
        System.exit(0);
    }

    /** ./chaos run of one scenario against a fresh JVM running Curator's cluster, start to exit. */
    private void wholeRun() throws Exception {
        new WholeRunBenchmark(Path.of(System.getProperty("chaos.home", ".")), runs, curatorFreshJvm(3)).run();
    }

    private void all() throws Exception {
        // first: it measures other processes, and nothing of this JVM's may run beside them
        wholeRun();
        System.out.println();
        scenarios();
        System.out.println();
        row("figure", "this harness", "Curator TestingCluster", "ratio (ours/Curator)");
        for (int size : new int[]{3, 5}) {
            // cold: every member a new JVM; Curator's first cluster in a fresh JVM pays its class loading
            List<Long> oursCold = new ArrayList<>();
            List<Long> curatorFirst = new ArrayList<>();
            // warm: members from standby JVMs; Curator's later clusters in a JVM that ran one
            List<Long> oursStandby = new ArrayList<>();
            List<Long> curatorWarm = new ArrayList<>();
            System.setProperty("chaos.standbyMembers", "false");
            for (int i = 0; i < runs; i++) {
                oursCold.add(oursBootToQuorum(size));
                curatorFirst.add(curatorFirstInFreshJvm(size));
            }
            System.clearProperty("chaos.standbyMembers");
            curatorBootToQuorum(size); // the JVM's first, not counted
            try (LocalTarget target = new LocalTarget(root, RunSettings.fromSystem())) {
                oursBootToQuorum(target, size); // its close fills the pool for this size
                for (int i = 0; i < runs; i++) {
                    awaitStandbys(size);
                    oursStandby.add(oursBootToQuorum(target, size));
                    awaitStandbys(size); // the refill must not run beside Curator's boot
                    curatorWarm.add(curatorBootToQuorum(size));
                }
            }
            compare("boot to quorum, " + size + " members, cold (ms)", oursCold, curatorFirst);
            compare("boot to quorum, " + size + " members, warm (ms)", oursStandby, curatorWarm);
            compare("  ours warm beside Curator cold (ms)", oursStandby, curatorFirst);
            compare("  ours reused beside Curator warm (ms)", oursReused(size), curatorWarm);
        }
        List<Long> oursKill = new ArrayList<>();
        List<Long> lag = new ArrayList<>();
        List<Long> curatorKill = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long[] k = oursLeaderKill();
            oursKill.add(k[0]);
            lag.add(k[1]);
            curatorKill.add(curatorLeaderKill());
        }
        compare("leader kill to new quorum, 3 members (ms)", oursKill, curatorKill);
        row("detection lag vs members' logs (ms)", median(lag) + " (max " + Collections.max(lag) + ")", "-", "-");
        proxyLatency();
        System.out.println();
        services();
        System.out.println();
        durabilityCheck();
    }

    /**
     * The two services side by side on the local target, both through the harness (members booted
     * by the target, quorum as the observer sees it): boot to quorum and a leader's SIGKILL to a
     * new quorum, 3 members, a new target each run (no standby JVMs, no reuse).
     */
    private void services() {
        if (dev.quorumchaos.service.etcd.EtcdSettings.onPath(RunSettings.fromSystem().machine()).isEmpty()) {
            System.out.println("etcd: not on the PATH (apt-get install etcd-server), no figures");
            return;
        }
        List<Long> zkBoot = new ArrayList<>();
        List<Long> zkKill = new ArrayList<>();
        List<Long> etcdBoot = new ArrayList<>();
        List<Long> etcdKill = new ArrayList<>();
        System.setProperty("chaos.standbyMembers", "false");
        for (int i = 0; i < runs; i++) {
            long[] zk = bootAndLeaderKill(ZooKeeperService.INSTANCE);
            zkBoot.add(zk[0]);
            zkKill.add(zk[1]);
            long[] etcd = bootAndLeaderKill(dev.quorumchaos.service.etcd.EtcdService.INSTANCE);
            etcdBoot.add(etcd[0]);
            etcdKill.add(etcd[1]);
        }
        System.clearProperty("chaos.standbyMembers");
        row("figure", "etcd", "ZooKeeper", "ratio (etcd/ZooKeeper)");
        compare("boot to quorum, 3 members, cold (ms)", etcdBoot, zkBoot);
        compare("leader kill to new quorum, 3 members (ms)", etcdKill, zkKill);
    }

    private long[] bootAndLeaderKill(dev.quorumchaos.service.Service service) {
        try (LocalTarget target = new LocalTarget(root, RunSettings.fromSystem())) {
            long start = System.nanoTime();
            Ensemble e = target.deploy(service, EnsembleSpec.of(3).withRestartDelay(Duration.ofSeconds(30)),
                    new History());
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(5)).until(() -> e.view().hasQuorum());
            long boot = (System.nanoTime() - start) / 1_000_000;
            await().atMost(TIMEOUT).until(() -> e.view().states().stream().allMatch(s -> s.serving()));
            int leader = e.view().leader().getAsInt();
            AtomicLong regainedNanos = new AtomicLong();
            e.observer().addListener((change, before, after) -> {
                if (!before.hasQuorum() && after.hasQuorum()) {
                    regainedNanos.compareAndSet(0, System.nanoTime());
                }
            });
            long killed = System.nanoTime();
            e.members().kill(leader);
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(1)).until(() -> regainedNanos.get() != 0);
            long kill = (regainedNanos.get() - killed) / 1_000_000;
            e.close();
            return new long[]{boot, kill};
        }
    }

    private long oursBootToQuorum(int size) {
        try (LocalTarget target = new LocalTarget(root, RunSettings.fromSystem())) {
            return oursBootToQuorum(target, size);
        }
    }

    private static long oursBootToQuorum(LocalTarget target, int size) {
        long start = System.nanoTime();
        Ensemble e = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(size), new History());
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(5)).until(() -> e.view().hasQuorum());
        long took = (System.nanoTime() - start) / 1_000_000;
        e.close();
        return took;
    }

    /**
     * What the next scenario waits for when the last one left a healthy ensemble of its size:
     * emptying its data on release, then handing it over with quorum.
     */
    private List<Long> oursReused(int size) {
        List<Long> times = new ArrayList<>();
        try (LocalTarget target = new LocalTarget(root, RunSettings.fromSystem())) {
            Ensemble first = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(size), new History());
            await().atMost(TIMEOUT).until(() -> first.view().hasQuorum()
                    && first.view().states().stream().allMatch(s -> s.serving()));
            Ensemble current = first;
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                target.release(current);
                Ensemble next = target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(size), new History());
                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(1)).until(() -> next.view().hasQuorum());
                times.add((System.nanoTime() - start) / 1_000_000);
                if (next != current) {
                    throw new IllegalStateException("a healthy ensemble was not reused");
                }
                current = next;
            }
        }
        return times;
    }

    /** Until the pool holds {@code size} standbys done with their set-up, and the CPU is quiet again. */
    private void awaitStandbys(int size) throws InterruptedException {
        StandbyPool pool = standbyPool(root);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> pool.warm() >= size);
        Thread.sleep(200);
    }

    /** Curator's first cluster in a JVM that has done nothing else, run as a child JVM. */
    private static long curatorFirstInFreshJvm(int size) throws Exception {
        Process p = new ProcessBuilder(curatorFreshJvm(size)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the Curator child JVM failed: " + out);
        }
        return Long.parseLong(out.substring(out.lastIndexOf('\n') + 1).trim());
    }

    /** A fresh JVM that starts Curator's cluster, waits for its quorum, prints how long that took and exits. */
    private static List<String> curatorFreshJvm(int size) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.log.org.apache.zookeeper=off", "-cp", System.getProperty("java.class.path"),
                Benchmark.class.getName(), "--curator-first", Integer.toString(size));
    }

    private static long curatorBootToQuorum(int size) throws Exception {
        long start = System.nanoTime();
        try (TestingCluster cluster = new TestingCluster(size)) {
            cluster.start();
            try (RoleObserver observer = observe(cluster)) {
                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(5)).until(() -> observer.view().hasQuorum());
                return (System.nanoTime() - start) / 1_000_000;
            }
        }
    }

    private static RoleObserver observe(TestingCluster cluster) {
        List<InstanceSpec> specs = new ArrayList<>(cluster.getInstances());
        RoleObserver observer = new RoleObserver(specs.size(),
                SrvrAnswer.over(i -> new InetSocketAddress("127.0.0.1", specs.get(i).getPort())), new History(),
                LocalEnsemble.POLL_INTERVAL, LocalEnsemble.ANSWER_TIMEOUT);
        observer.start();
        return observer;
    }

    /** Returns {time to new quorum as the harness saw it, harness time minus members' log time}. */
    private long[] oursLeaderKill() {
        try (LocalTarget target = new LocalTarget(root, RunSettings.fromSystem())) {
            LocalEnsemble e = (LocalEnsemble) target.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3).withRestartDelay(Duration.ofSeconds(30)),
                    new History());
            await().atMost(TIMEOUT).until(() -> e.view().hasQuorum()
                    && e.view().states().stream().allMatch(s -> s.serving()));
            int leader = e.view().leader().getAsInt();
            AtomicReference<Instant> regained = new AtomicReference<>();
            AtomicLong regainedNanos = new AtomicLong();
            e.observer().addListener((change, before, after) -> {
                if (!before.hasQuorum() && after.hasQuorum() && regained.get() == null) {
                    regainedNanos.set(System.nanoTime());
                    regained.set(Instant.now());
                }
            });
            Instant killedAt = Instant.now();
            long start = System.nanoTime();
            e.kill(leader);
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(1)).until(() -> regained.get() != null);
            long took = (regainedNanos.get() - start) / 1_000_000;
            Instant fromLogs = quorumFromLogs(e, leader, killedAt);
            e.close();
            return new long[]{took, Duration.between(fromLogs, regained.get()).toMillis()};
        }
    }

    /** When the members themselves say a quorum serves again: the majority-th "- broadcast" line. */
    private static Instant quorumFromLogs(LocalEnsemble e, int dead, Instant after) {
        List<Instant> broadcast = new ArrayList<>();
        for (int i = 0; i < e.size(); i++) {
            if (i == dead) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(e.directory().resolve("member-" + i).resolve("member.log"))) {
                    if (line.contains("Peer state changed:") && line.contains("- broadcast")) {
                        Instant t = OffsetDateTime.parse(line.substring(0, line.indexOf(' '))).toInstant();
                        if (t.isAfter(after.minusMillis(1))) {
                            broadcast.add(t);
                            break;
                        }
                    }
                }
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }
        Collections.sort(broadcast);
        int majority = e.size() / 2 + 1;
        if (broadcast.size() < majority) {
            throw new IllegalStateException("the members' logs show no new quorum: " + broadcast);
        }
        return broadcast.get(majority - 1);
    }

    private long curatorLeaderKill() throws Exception {
        try (TestingCluster cluster = new TestingCluster(3)) {
            cluster.start();
            List<InstanceSpec> specs = new ArrayList<>(cluster.getInstances());
            try (RoleObserver observer = observe(cluster)) {
                await().atMost(TIMEOUT).until(() -> observer.view().hasQuorum()
                        && observer.view().states().stream().allMatch(s -> s.serving()));
                int leader = observer.view().leader().getAsInt();
                AtomicLong regained = new AtomicLong();
                observer.addListener((change, before, after) -> {
                    if (!before.hasQuorum() && after.hasQuorum()) {
                        regained.compareAndSet(0, System.nanoTime());
                    }
                });
                long start = System.nanoTime();
                cluster.killServer(specs.get(leader));
                observer.poll(leader);
                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(1)).until(() -> regained.get() != 0);
                return (regained.get() - start) / 1_000_000;
            }
        }
    }

    /**
     * What the link proxies add to a client's write: two 3-member ensembles up at once, one with
     * every client and peer link through proxies (as always), one connected directly; a client on
     * a follower (so a write crosses the client link, the forward to the leader and the quorum's
     * acks) writes in alternating batches to each.
     */
    private void proxyLatency() throws Exception {
        try (LocalTarget proxiedTarget = new LocalTarget(root, RunSettings.fromSystem()); LocalTarget directTarget = new LocalTarget(root, RunSettings.fromSystem(), false)) {
            Ensemble proxied = proxiedTarget.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History());
            Ensemble direct = directTarget.deploy(ZooKeeperService.INSTANCE, EnsembleSpec.of(3), new History());
            for (Ensemble e : List.of(proxied, direct)) {
                await().atMost(TIMEOUT).until(() -> e.view().hasQuorum()
                        && e.view().states().stream().allMatch(s -> s.serving()));
            }
            List<Long> throughProxies = new ArrayList<>();
            List<Long> directly = new ArrayList<>();
            try (org.apache.zookeeper.ZooKeeper a = connectToFollower(proxied);
                 org.apache.zookeeper.ZooKeeper b = connectToFollower(direct)) {
                for (int batch = 0; batch < 2 * runs + 1; batch++) {
                    boolean counted = batch > 0; // the first batch of each warms the client
                    writes(a, counted ? throughProxies : new ArrayList<>());
                    writes(b, counted ? directly : new ArrayList<>());
                }
            }
            row("client write latency, median (µs)", Long.toString(median(throughProxies)),
                    Long.toString(median(directly)) + " (direct)",
                    String.format("%.2f (proxied/direct)", (double) median(throughProxies) / median(directly)));
            row("client write latency, p99 (µs)", Long.toString(percentile(throughProxies, 0.99)),
                    Long.toString(percentile(directly, 0.99)) + " (direct)",
                    String.format("%.2f", (double) percentile(throughProxies, 0.99) / percentile(directly, 0.99)));
        }
    }

    private static org.apache.zookeeper.ZooKeeper connectToFollower(Ensemble e) throws Exception {
        int leader = e.view().leader().getAsInt();
        int follower = (leader + 1) % e.size();
        java.util.concurrent.CountDownLatch connected = new java.util.concurrent.CountDownLatch(1);
        org.apache.zookeeper.ZooKeeper zk = new org.apache.zookeeper.ZooKeeper(e.connectString(follower), 10_000, event -> {
            if (event.getState() == org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("no session with member " + follower);
        }
        zk.create("/bench", new byte[0], org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE,
                org.apache.zookeeper.CreateMode.PERSISTENT);
        return zk;
    }

    private static void writes(org.apache.zookeeper.ZooKeeper zk, List<Long> micros) throws Exception {
        byte[] data = new byte[64];
        for (int i = 0; i < 200; i++) {
            long start = System.nanoTime();
            zk.setData("/bench", data, -1);
            micros.add((System.nanoTime() - start) / 1_000);
        }
    }

    private static long percentile(List<Long> values, double p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }

    private void durabilityCheck() {
        row("durability check", "ms (median)", "ops", "");
        for (int ops : new int[]{10_000, 100_000, 1_000_000}) {
            List<Operation> history = new ArrayList<>(ops);
            Set<String> present = new HashSet<>();
            for (int i = 0; i < ops / 2; i++) {
                String key = "/orders/" + (i % 10) + "-" + i;
                Operation.Type outcome = i % 50 == 0 ? Operation.Type.INFO : Operation.Type.OK;
                history.add(new Operation(2L * i, i % 10, Operation.Type.INVOKE, Operation.Fn.WRITE, key, key, null, 0,
                        i * 1_000_000L, null));
                history.add(new Operation(2L * i + 1, i % 10, outcome, Operation.Fn.WRITE, key, key, null, 0,
                        i * 1_000_000L + 500_000, null));
                if (outcome == Operation.Type.OK || i % 100 == 0) {
                    present.add(key);
                }
            }
            List<MemberContents> members = List.of(MemberContents.read(0, present), MemberContents.read(1, present),
                    MemberContents.read(2, present));
            List<Long> times = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                long start = System.nanoTime();
                if (!DurabilityCheck.check(history, members, Long.MAX_VALUE).passed()) {
                    throw new IllegalStateException("the synthetic history must pass");
                }
                times.add((System.nanoTime() - start) / 1_000_000);
            }
            row("  " + ops + " operations", Long.toString(median(times)), Integer.toString(ops), "");
        }
    }

    /** Runs first, in a JVM that has done nothing else, so the heap peak is the harness's own. */
    @SuppressWarnings("unchecked")
    private void scenarios() throws Exception {
        Path reports = Files.createTempDirectory("bench-reports");
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        int fiveMembers = ChaosCli.execute("run", "--target", "local", "--report-dir",
                reports.resolve("five").toString(), "features/zookeeper/kill.feature:15");
        long heapPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long start = System.nanoTime();
        int exit = ChaosCli.execute("run", "--target", "local", "--report-dir", reports.resolve("latest").toString(),
                "features/zookeeper/kill.feature:6");
        long wall = (System.nanoTime() - start) / 1_000_000;
        Map<String, Object> results = Json.MAPPER.readValue(reports.resolve("latest/results.json").toFile(), Map.class);
        Map<String, Object> s = ((List<Map<String, Object>>) results.get("scenarios")).get(0);
        Map<String, Object> m = (Map<String, Object>) s.get("metrics");
        Map<String, Object> fault = ((List<Map<String, Object>>) s.get("faults")).get(0);
        long boot = ((Number) m.get("bootToQuorumMs")).longValue();
        long ttq = ((Number) m.get("timeToQuorumMs")).longValue();
        long memberBack = ((Number) fault.get("recoveredAtMs")).longValue() - ((Number) fault.get("appliedAtMs")).longValue();
        System.out.printf("whole 'leader is killed' scenario (exit %d): %d ms wall, scenario %s ms;"
                        + " necessary waits: boot to quorum %d + new quorum %d + killed member restarted %d = %d ms%n",
                exit, wall, s.get("durationMs"), boot, ttq, memberBack, boot + ttq + memberBack);
        System.out.printf("harness JVM heap peak during a 5-member scenario (exit %d): %d MB (-Xmx256m)%n",
                fiveMembers, heapPeak / (1024 * 1024));
    }

    private static void compare(String figure, List<Long> ours, List<Long> theirs) {
        long a = median(ours);
        long b = median(theirs);
        row(figure, Long.toString(a), Long.toString(b), String.format("%.2f", (double) a / b));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void row(String a, String b, String c, String d) {
        System.out.printf("%-44s %-22s %-24s %s%n", a, b, c, d);
    }

    /** The pool at {@code root}, as this JVM's settings open it. */
    private static StandbyPool standbyPool(java.nio.file.Path root) {
        RunSettings settings = RunSettings.fromSystem();
        return StandbyPool.at(root, MemberLauncher.fromHarnessClasspath(settings), settings.standbyMembers());
    }
}
