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
 * namespace of its own (as root: port 2181 on its loopback is free there) beside a stand-in for
 * ZooKeeper's client port, and its output read by the same parser the exec stream feeds.
 */
class SrvrStreamTest {

    private static final String LEADER = "Zookeeper version: 3.9.5\\nLatency min/avg/max: 0/0.0/0\\nMode: leader\\n"
            + "Zxid: 0x300000007\\nNode count: 5\\n";

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
    private SrvrStream inAPod(String server) throws Exception {
        String pod = "ip link set lo up\n"
                + (server.isEmpty() ? "" : "python3 -c \"$SERVER\" &\nsleep 0.5\n")
                + "exec bash -c \"$SCRIPT\"\n";
        ProcessBuilder builder = new ProcessBuilder("unshare", "--net", "sh", "-c", pod).redirectErrorStream(true);
        builder.environment().put("SERVER", server);
        builder.environment().put("SCRIPT", SrvrStream.SCRIPT);
        Process p = builder.start();
        processes.add(p);
        SrvrStream stream = new SrvrStream("zk-0");
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
        SrvrStream stream = inAPod(serving(LEADER));

        String answer = await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> stream.ask(2000), a -> true);

        assertThat(answer).contains("Mode: leader").contains("Zxid: 0x300000007");
        assertThat(dev.quorumchaos.service.zookeeper.SrvrAnswer.mode(answer).name()).isEqualTo("LEADER");
    }

    @Test
    void aPodWhoseJvmDoesNotListenYetIsDownNotLooking() throws Exception {
        needsRoot();
        SrvrStream stream = inAPod("");

        assertThatThrownBy(() -> stream.ask(2000)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("nothing listens on port 2181 in zk-0");
    }

    @Test
    void aMemberThatAcceptsButDoesNotAnswerIsUnresponsive() throws Exception {
        needsRoot();
        SrvrStream stream = inAPod(serving(null));
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
        SrvrStream stream = inAPod(serving(LEADER));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> stream.ask(2000), a -> true);

        long start = System.nanoTime();
        stream.ask(2000);
        stream.ask(2000);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("each waits for the next answer")
                .isGreaterThanOrEqualTo(SrvrStream.INTERVAL);
    }

    @Test
    void anEndedStreamSaysWhy() {
        SrvrStream stream = new SrvrStream("zk-2");
        stream.closed("closed (1000): container not found (\"chaos-net\")");

        assertThatThrownBy(() -> stream.ask(2000)).isInstanceOf(IOException.class)
                .hasMessage("the srvr stream from zk-2 ended: closed (1000): container not found (\"chaos-net\")");
    }
}
