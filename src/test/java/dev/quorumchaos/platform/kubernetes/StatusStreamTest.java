package dev.quorumchaos.platform.kubernetes;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The observer's in-pod script run for real by bash, as the sidecar runs it, in a network
 * namespace of its own (as root: ports 2181 and 2379 on its loopback are free there) beside a
 * stand-in for ZooKeeper's client port, or a real etcd, and its output read by the same parser the
 * exec stream feeds and the service's reader.
 */
class StatusStreamTest {

    private static final KubernetesService ZOOKEEPER = dev.quorumchaos.service.zookeeper.ZooKeeperService.INSTANCE
            .part(KubernetesService.class).orElseThrow();
    private static final KubernetesService ETCD = dev.quorumchaos.service.etcd.EtcdService.INSTANCE
            .part(KubernetesService.class).orElseThrow();

    private static final String LEADER = "Zookeeper version: 3.9.5\\nLatency min/avg/max: 0/0.0/0\\nMode: leader\\n"
            + "Zxid: 0x300000007\\nNode count: 5\\n";

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopThem() {
        processes.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        processes.forEach(Process::destroyForcibly);
    }

    /**
     * Starts the script beside a server in a fresh network namespace; {@code server} is Python that
     * listens on 127.0.0.1:2181 (or nothing). Returns the stream its output goes into.
     */
    private StatusStream inAPod(String server) throws Exception {
        return inAPod(server.isEmpty() ? "" : "python3 -c \"$SERVER\" &\nsleep 0.5\n", server,
                ZOOKEEPER.statusQuestion(), "zk-0");
    }

    /** {@code start}: shell commands that start the member in the namespace, in the background. */
    private StatusStream inAPod(String start, String server, String question, String name) throws Exception {
        String pod = "ip link set lo up\n" + start + "exec bash -c \"$SCRIPT\"\n";
        ProcessBuilder builder = new ProcessBuilder("unshare", "--net", "sh", "-c", pod).redirectErrorStream(true);
        builder.environment().put("SERVER", server);
        builder.environment().put("SCRIPT", StatusStream.script(question));
        Process p = builder.start();
        processes.add(p);
        StatusStream stream = new StatusStream(name);
        Thread pump = new Thread(() -> {
            try (InputStream out = p.getInputStream()) {
                out.transferTo(stream);
            } catch (IOException e) {
                // the process was stopped
            }
            stream.closed("the script ended");
        });
        pump.setDaemon(true);
        pump.start();
        return stream;
    }

    private static String serving(String answer) {
        return "import socket\n"
                + "s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
                + "s.bind(('127.0.0.1', 2181)); s.listen(50)\n"
                + "while True:\n"
                + "    c, _ = s.accept(); c.recv(4)\n"
                + (answer == null ? "    pass\n" : "    c.sendall(b'" + answer + "'); c.close()\n");
    }

    private static void needsRoot() throws Exception {
        Process p = new ProcessBuilder("unshare", "--net", "true").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "needs root for a network namespace: " + out);
    }

    @Test
    void aServingMemberAnswersWhatItsSrvrSays() throws Exception {
        needsRoot();
        StatusStream stream = inAPod(serving(LEADER));

        String answer = await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> stream.ask(2000), a -> true);

        assertThat(answer).contains("Mode: leader").contains("Zxid: 0x300000007");
        assertThat(dev.quorumchaos.service.zookeeper.SrvrAnswer.mode(answer).name()).isEqualTo("LEADER");
    }

    @Test
    void aPodWhoseJvmDoesNotListenYetIsDownNotLooking() throws Exception {
        needsRoot();
        StatusStream stream = inAPod("");

        assertThatThrownBy(() -> stream.ask(2000)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("nothing listens on the client port in zk-0");
    }

    @Test
    void aMemberThatAcceptsButDoesNotAnswerIsUnresponsive() throws Exception {
        needsRoot();
        StatusStream stream = inAPod(serving(null));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                stream.ask(2000);
                return false;
            } catch (SocketTimeoutException paused) {
                return paused.getMessage().contains("no answer within 2000 ms in zk-0");
            } catch (IOException other) {
                return false; // the server was not listening yet
            }
        });
    }

    @Test
    void anAnswerGivenBeforeTheQuestionIsNotTaken() throws Exception {
        needsRoot();
        StatusStream stream = inAPod(serving(LEADER));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> stream.ask(2000), a -> true);

        long start = System.nanoTime();
        stream.ask(2000);
        stream.ask(2000);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("each waits for the next answer")
                .isGreaterThanOrEqualTo(StatusStream.INTERVAL);
    }

    @Test
    void anEndedStreamSaysWhy() {
        StatusStream stream = new StatusStream("zk-2");
        stream.closed("closed (1000): container not found (\"chaos-net\")");

        assertThatThrownBy(() -> stream.ask(2000)).isInstanceOf(IOException.class)
                .hasMessage("the status stream from zk-2 ended: closed (1000): container not found (\"chaos-net\")");
    }

    /**
     * A real etcd (Debian's etcd-server) on the namespace's loopback, asked as the etcd sidecar asks
     * it, through its gRPC gateway: its answer reads as the leader of its term; paused, it accepts
     * and does not answer; killed, nothing listens.
     */
    @Test
    void etcdsStatusThroughItsGatewayReadsAsLeaderThenUnresponsiveWhenPausedThenDownWhenKilled() throws Exception {
        needsRoot();
        assumeTrue(dev.quorumchaos.service.etcd.EtcdSettings.onPath(dev.quorumchaos.settings.RunSettings.fromSystem().machine()).isPresent(), "no etcd on the PATH (etcd-server)");
        assumeTrue(new ProcessBuilder("sh", "-c", "command -v curl").start().waitFor() == 0,
                "no curl on the PATH: the sidecar's question is asked with curl (the netshoot image has it)");
        java.nio.file.Path pidFile = dir.resolve("etcd.pid");
        String start = "etcd --name m0 --data-dir '" + dir.resolve("data") + "' --listen-client-urls http://127.0.0.1:2379"
                + " --advertise-client-urls http://127.0.0.1:2379 --listen-peer-urls http://127.0.0.1:2380"
                + " --initial-advertise-peer-urls http://127.0.0.1:2380 --initial-cluster m0=http://127.0.0.1:2380"
                + " > '" + dir.resolve("etcd.log") + "' 2>&1 &\necho $! > '" + pidFile + "'\n";
        StatusStream stream = inAPod(start, "", ETCD.statusQuestion(), "etcd-0");
        KubernetesService.StatusReader reader = ETCD.statusReader(1);

        var answer = await("etcd leading").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> reader.read(0, stream.ask(2000)), a -> a.state() == dev.quorumchaos.history.MemberState.LEADER);
        assertThat(answer.epoch()).as("its raft term").isPositive();
        long etcd = Long.parseLong(java.nio.file.Files.readString(pidFile).trim());

        new ProcessBuilder("kill", "-STOP", String.valueOf(etcd)).start().waitFor();
        assertThatThrownBy(() -> stream.ask(2000)).as("accepted by the kernel, unanswered by etcd")
                .isInstanceOf(SocketTimeoutException.class);
        new ProcessBuilder("kill", "-CONT", String.valueOf(etcd)).start().waitFor();
        await("answering again").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> reader.read(0, stream.ask(2000)), a -> a.state() == dev.quorumchaos.history.MemberState.LEADER);

        new ProcessBuilder("kill", "-KILL", String.valueOf(etcd)).start().waitFor();
        await("refused").atMost(Duration.ofSeconds(10)).until(() -> {
            try {
                stream.ask(2000);
                return false;
            } catch (ConnectException down) {
                return down.getMessage().contains("nothing listens on the client port in etcd-0");
            }
        });
    }
}
