package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.service.etcd.EtcdService;
import dev.quorumchaos.service.zookeeper.ZooKeeperService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kill script run for real, as exec runs it in a member's container: against a process whose
 * arguments name ZooKeeper's main class, found by the pid file or by searching, and in PID
 * namespaces of its own (as root, with unshare) to show why the pod shares its process namespace;
 * and against a process that is etcd by its first argument, as the sidecar finds it.
 */
class ServerProcessTest {

    private static final String MAIN_CLASS = "org.apache.zookeeper.server.quorum.QuorumPeerMain";
    private static final ServerProcess JVM = ZooKeeperService.INSTANCE.part(KubernetesService.class).orElseThrow().process();
    private static final ServerProcess ETCD = EtcdService.INSTANCE.part(KubernetesService.class).orElseThrow().process();

    private static String killScript(String pidFile) {
        return JVM.withPidFile(pidFile).signalScript("KILL");
    }

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopThem() {
        processes.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        processes.forEach(Process::destroyForcibly);
    }

    /** A stand-in for the JVM: a process whose arguments include the main class as one argument. */
    private static List<String> fakeJvm() {
        return List.of("python3", "-c", "import time; time.sleep(120)", MAIN_CLASS);
    }

    private Process start(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    private record Ran(int exitCode, String output) {
    }

    private static Ran run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), out);
    }

    private Path pidFile(long pid) throws IOException {
        return Files.writeString(dir.resolve("zookeeper.pid"), String.valueOf(pid));
    }

    @Test
    void killsTheProcessThePidFileNamesAndReturnsOnceItIsGone() throws Exception {
        Process jvm = start(fakeJvm());
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(Path.of("/proc/" + jvm.pid() + "/cmdline"))
                .contains(MAIN_CLASS));

        Ran ran = run(List.of("sh", "-c", killScript(pidFile(jvm.pid()).toString())));

        assertThat(ran.exitCode()).as(ran.output()).isZero();
        assertThat(jvm.isAlive()).isFalse();
        assertThat(jvm.exitValue()).as("SIGKILL, not a shutdown").isEqualTo(128 + 9);
    }

    @Test
    void aPidFileThatNamesSomethingElseIsNotTrustedAndTheJvmIsFoundByItsMainClass() throws Exception {
        Process shell = start(List.of("sleep", "120"));
        Process jvm = start(fakeJvm());
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(Path.of("/proc/" + jvm.pid() + "/cmdline"))
                .contains(MAIN_CLASS));

        Ran ran = run(List.of("sh", "-c", killScript(pidFile(shell.pid()).toString())));

        assertThat(ran.exitCode()).as(ran.output()).isZero();
        assertThat(jvm.isAlive()).isFalse();
        assertThat(shell.isAlive()).as("the pid file's stale process is spared").isTrue();
    }

    @Test
    void withoutAJvmTheScriptSaysSoAndSignalsNothing() throws Exception {
        Process shell = start(List.of("sleep", "120"));

        Ran ran = run(List.of("unshare", "--pid", "--fork", "--mount-proc", "sh", "-c",
                killScript(dir.resolve("absent.pid").toString())));

        assumeTrue(!ran.output().contains("Operation not permitted"), "needs root for a PID namespace: " + ran.output());
        assertThat(ran.exitCode()).isEqualTo(ServerProcess.NO_PROCESS);
        assertThat(ran.output()).contains("no process in this pod is the ZooKeeper JVM (" + MAIN_CLASS + ")");
        assertThat(shell.isAlive()).isTrue();
    }

    /**
     * Without shareProcessNamespace the JVM is PID 1 of its container's namespace: SIGKILL sent from
     * inside it is dropped by the kernel, and the script says so instead of claiming a kill.
     */
    @Test
    void aJvmThatIsPidOneOfItsNamespaceCannotBeKilledFromInsideAndTheScriptSaysWhy() throws Exception {
        List<String> asInit = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc"));
        asInit.addAll(fakeJvm());
        Process container = start(asInit);
        long jvm = await().atMost(Duration.ofSeconds(10)).until(() -> container.descendants()
                .filter(h -> h.info().arguments().map(a -> List.of(a).contains(MAIN_CLASS)).orElse(false))
                .map(ProcessHandle::pid).findFirst().orElse(-1L), pid -> pid > 0);
        assumeTrue(container.isAlive(), "needs root for a PID namespace");
        List<String> inside = List.of("nsenter", "--target", String.valueOf(jvm), "--pid", "--mount");

        List<String> kill = new ArrayList<>(inside);
        kill.addAll(List.of("kill", "-KILL", "1"));
        run(kill);
        List<String> script = new ArrayList<>(inside);
        script.addAll(List.of("sh", "-c", killScript("/nonexistent")));
        Ran ran = run(script);

        assertThat(ProcessHandle.of(jvm).map(ProcessHandle::isAlive)).as("the kernel ignored SIGKILL to PID 1").contains(true);
        assertThat(ran.exitCode()).isEqualTo(ServerProcess.PID_ONE);
        assertThat(ran.output()).contains("shareProcessNamespace: true");
    }

    /**
     * With another process as PID 1 (the pod's pause container, here a shell that outlives the
     * JVM), the same script kills the JVM from inside and sees it gone.
     */
    @Test
    void inASharedNamespaceTheJvmIsAnOrdinaryProcessAndIsKilled() throws Exception {
        Process pod = start(List.of("unshare", "--pid", "--fork", "--mount-proc", "sh", "-c",
                String.join(" ", fakeJvm().subList(0, 2)) + " '" + fakeJvm().get(2) + "' " + fakeJvm().get(3)
                        + " & while :; do sleep 1; done"));
        long jvm = await().atMost(Duration.ofSeconds(10)).until(() -> pod.descendants()
                .filter(h -> h.info().arguments().map(a -> List.of(a).contains(MAIN_CLASS)).orElse(false))
                .map(ProcessHandle::pid).findFirst().orElse(-1L), pid -> pid > 0);
        List<String> script = new ArrayList<>(List.of("nsenter", "--target", String.valueOf(jvm), "--pid", "--mount"));
        script.addAll(List.of("sh", "-c", killScript("/nonexistent")));

        Ran ran = run(script);

        assertThat(ran.exitCode()).as(ran.output()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(jvm).map(h -> !h.isAlive()).orElse(true));
    }

    /**
     * The sidecar finds etcd by its first argument, whether the image runs it by name or by path,
     * and spares etcdctl. In a PID namespace of its own, as a pod's: the script searches every
     * process it sees, and this machine's other etcd processes are not this test's.
     */
    @Test
    void etcdIsFoundByItsCommandAndSignalledFromTheSidecarAndEtcdctlIsSpared() throws Exception {
        Process pod = start(List.of("unshare", "--pid", "--fork", "--mount-proc", "bash", "-c",
                "(exec -a /usr/local/bin/etcd sleep 120) & (exec -a etcdctl sleep 120) & while :; do sleep 1; done"));
        long etcd = processInPod(pod, "/usr/local/bin/etcd");
        long etcdctl = processInPod(pod, "etcdctl");
        assumeTrue(pod.isAlive(), "needs root for a PID namespace");
        List<String> inside = List.of("nsenter", "--target", String.valueOf(etcd), "--pid", "--mount", "sh", "-c");

        assertThat(run(concat(inside, ETCD.signalScript("STOP"))).exitCode()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> state(etcd).equals("T"));
        assertThat(run(concat(inside, ETCD.signalScript("CONT"))).exitCode()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> !state(etcd).equals("T"));
        Ran ran = run(concat(inside, ETCD.signalScript("KILL")));

        assertThat(ran.exitCode()).as(ran.output()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(etcd).map(h -> !h.isAlive()).orElse(true));
        assertThat(ProcessHandle.of(etcdctl).map(ProcessHandle::isAlive)).as("etcdctl is not etcd").contains(true);
        assertThat(ETCD.container()).as("the image has no shell: the script runs in the sidecar").isEqualTo("chaos-net");
    }

    private static long processInPod(Process pod, String argv0) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> pod.descendants()
                .filter(h -> cmdline(h.pid()).startsWith(argv0 + "\0")).map(ProcessHandle::pid).findFirst().orElse(-1L),
                pid -> pid > 0);
    }

    private static String cmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline"));
        } catch (IOException e) {
            return "";
        }
    }

    /** The process state letter from /proc: T is stopped. */
    private static String state(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    }

    private static List<String> concat(List<String> command, String script) {
        List<String> all = new ArrayList<>(command);
        all.add(script);
        return all;
    }
}
