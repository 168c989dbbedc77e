package dev.quorumchaos.platform.kubernetes;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the link scripts as the sidecar would, with iptables and tc inside a network namespace of
 * their own (as root, where iptables is installed), and shows a cut stops an established TCP
 * connection and healing lets it go on, that a cut sent before a heal and run after it changes
 * nothing, that a restarted peer's old address loses its rule, and what a kernel without netem
 * answers to a delay.
 */
class KubernetesPartitionTest {

    /** Markers live in the host's /tmp here (one sidecar's /tmp in a pod): a tag of its own per run. */
    private final String TAG = "quorum-chaos-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private final String a = "qc-a-" + ProcessHandle.current().pid();
    private final String b = "qc-b-" + ProcessHandle.current().pid();
    private final String veth = "qc-v" + ProcessHandle.current().pid() % 100000;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void twoNamespacesLinkedByAVethPair() throws Exception {
        boolean root = "0".equals(run("id", "-u").trim());
        assumeTrue(root && exitCode("iptables", "--version") == 0 && exitCode("ip", "-V") == 0,
                "needs root, ip and iptables (apt-get install iptables) to run the partition scripts for real");
        run("ip", "netns", "add", a);
        run("ip", "netns", "add", b);
        run("ip", "link", "add", veth, "netns", a, "type", "veth", "peer", "name", "peer", "netns", b);
        inNs(a, "ip addr add 10.77.0.1/24 dev " + veth + " && ip link set " + veth + " up && ip link set lo up");
        inNs(b, "ip addr add 10.77.0.2/24 dev peer && ip link set peer up && ip link set lo up");
    }

    @AfterEach
    void removeThem() throws Exception {
        processes.forEach(Process::destroyForcibly);
        java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(LinkRules.STATE, TAG + ".healed"));
        java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(LinkRules.STATE, "lock"));
        java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(LinkRules.STATE));
        exitCode("ip", "netns", "del", a);
        exitCode("ip", "netns", "del", b);
    }

    @Test
    void cutAddsTaggedRulesOnceAndHealRemovesOnlyThem() throws Exception {
        String cut = KubernetesPartition.cutScript(TAG, List.of("10.77.0.2", "10.77.0.3"));
        inNs(a, cut);
        inNs(a, cut);
        inNs(a, "iptables -w -A QUORUM_CHAOS -d 10.77.0.9 -m comment --comment someone-else -j DROP");

        assertThat(inNs(a, "iptables -w -S QUORUM_CHAOS")).containsOnlyOnce("10.77.0.2/32").containsOnlyOnce("10.77.0.3/32");
        assertThat(inNs(a, "iptables -w -S OUTPUT")).containsOnlyOnce("-j QUORUM_CHAOS");

        inNs(a, KubernetesPartition.healScript(TAG));
        inNs(a, KubernetesPartition.healScript(TAG));

        assertThat(inNs(a, "iptables -w -S QUORUM_CHAOS")).doesNotContain(TAG).contains("someone-else");
    }

    @Test
    void aCutStopsAnEstablishedConnectionAndHealingResumesIt() throws Exception {
        Process server = start(b, "python3", "-c", """
                import socket
                s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind(('10.77.0.2', 7777)); s.listen(1); print('listening', flush=True)
                c, _ = s.accept()
                while True:
                    d = c.recv(100)
                    if not d: break
                    c.sendall(d)
                """);
        assertThat(readLine(server)).isEqualTo("listening");
        Process client = start(a, "python3", "-c", """
                import socket, sys
                c = socket.create_connection(('10.77.0.2', 7777)); c.sendall(b'a')
                print(c.recv(10).decode(), flush=True)
                sys.stdin.readline(); c.sendall(b'b'); c.settimeout(1.5)
                try: print(c.recv(10).decode(), flush=True)
                except socket.timeout: print('no answer', flush=True)
                sys.stdin.readline(); c.settimeout(15)
                print(c.recv(10).decode(), flush=True)
                """);
        assertThat(readLine(client)).isEqualTo("a");

        inNs(a, KubernetesPartition.cutScript(TAG, List.of("10.77.0.2")));
        say(client);
        assertThat(readLine(client)).as("the established connection is cut").isEqualTo("no answer");

        inNs(a, KubernetesPartition.healScript(TAG));
        say(client);
        assertThat(readLine(client)).as("TCP retransmits once healed").isEqualTo("b");
    }

    @Test
    void aCutSentBeforeTheHealThatRunsAfterItChangesNothing() throws Exception {
        String cut = KubernetesPartition.cutScript(TAG, List.of("10.77.0.2"));
        inNs(a, cut);
        inNs(a, KubernetesPartition.healScript(TAG));

        inNs(a, cut);

        assertThat(inNs(a, "iptables -w -S QUORUM_CHAOS")).doesNotContain(TAG);
    }

    @Test
    void aHealWaitsForAScriptThatHoldsThePodsLock() throws Exception {
        inNs(a, KubernetesPartition.cutScript(TAG, List.of("10.77.0.2")));
        Process holder = start(a, "sh", "-c", "mkdir -p " + LinkRules.STATE + " && exec flock " + LinkRules.STATE
                + "/lock sh -c 'echo held; sleep 1.5'");
        assertThat(readLine(holder)).isEqualTo("held");
        long start = System.nanoTime();

        inNs(a, KubernetesPartition.healScript(TAG));

        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(java.time.Duration.ofMillis(1000));
        assertThat(inNs(a, "iptables -w -S QUORUM_CHAOS")).doesNotContain(TAG);
    }

    @Test
    void settingTheRulesAgainDropsTheRuleOfARestartedPeersOldAddress() throws Exception {
        inNs(a, KubernetesPartition.cutScript(TAG, List.of("10.77.0.2", "10.77.0.3")));
        inNs(a, "iptables -w -A QUORUM_CHAOS -d 10.77.0.3 -m comment --comment someone-else -j DROP");

        inNs(a, KubernetesPartition.cutScript(TAG, List.of("10.77.0.2", "10.77.0.4")));

        String rules = inNs(a, "iptables -w -S QUORUM_CHAOS");
        assertThat(rules).containsOnlyOnce("10.77.0.2/32 -m comment --comment " + TAG)
                .containsOnlyOnce("10.77.0.4/32 -m comment --comment " + TAG)
                .doesNotContain("10.77.0.3/32 -m comment --comment " + TAG)
                .contains("10.77.0.3/32 -m comment --comment someone-else");

        inNs(a, KubernetesPartition.cutScript(TAG, List.of()));
        assertThat(inNs(a, "iptables -w -S QUORUM_CHAOS")).doesNotContain(TAG);
    }

    /**
     * This machine's kernel has neither netem nor prio: the delay script says so in tc's words,
     * with the exit code that makes the scenario skip, and leaves no qdisc behind.
     */
    @Test
    void aDelayOnAKernelWithoutNetemIsRefusedInTcsWordsAndLeavesNothing() throws Exception {
        DelayRules delay = new DelayRules(java.time.Duration.ofMillis(100));
        assertThat(delay.set(TAG, List.of("10.77.0.2"))).contains("netem delay 100ms")
                .contains("u32 match ip dst 10.77.0.2/32 flowid " + DelayRules.ROOT + "4");
        inNs(a, "ip route add default dev " + veth); // the pod's eth0 is its default route's device
        int probe = exitCodeInNs(a, DelayRules.probeScript());
        assumeTrue(probe == DelayRules.NO_QDISC, "this kernel has netem (probe exited " + probe + "): the refusal cannot be shown");

        Process apply = new ProcessBuilder("ip", "netns", "exec", a, "sh", "-c", delay.applyScript(TAG, List.of("10.77.0.2")))
                .start();
        String stderr = new String(apply.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(apply.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(apply.exitValue()).isEqualTo(DelayRules.NO_QDISC);
        var reason = DelayRules.missingQdisc(new PodExec.Result(apply.exitValue(), "", stderr), "zk-0 on node node-a");
        assertThat(reason).get().asString().contains("needs the prio and netem queueing disciplines")
                .contains("zk-0 on node node-a").contains("Specified qdisc kind is unknown");
        assertThat(inNs(a, "tc qdisc show dev " + veth)).doesNotContain(DelayRules.ROOT);
        inNs(a, delay.healScript(TAG));
    }

    private Process start(String ns, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        Process p = new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        processes.add(p);
        return p;
    }

    private static String readLine(Process p) throws IOException {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    private static void say(Process p) throws IOException {
        Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
        w.write("\n");
        w.flush();
    }

    private String inNs(String ns, String script) throws Exception {
        return run("ip", "netns", "exec", ns, "sh", "-c", script);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    private static int exitCodeInNs(String ns, String script) {
        return exitCode("ip", "netns", "exec", ns, "sh", "-c", script);
    }

    private static int exitCode(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }
}
