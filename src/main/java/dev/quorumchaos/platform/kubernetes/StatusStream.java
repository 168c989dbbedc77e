package dev.quorumchaos.platform.kubernetes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One member's status answers, streamed from inside its pod. The {@code chaos-net} sidecar (see
 * {@link EnsembleLayout#observerContainer()}) shares the pod's network namespace, so it asks the
 * member on 127.0.0.1 what the local target's observer asks over TCP (ZooKeeper's {@code srvr},
 * etcd's Maintenance Status), every {@link #INTERVAL}, and writes each answer, framed, to one exec
 * stream kept open: the API server and the kubelet carry one stream per member pod instead of a
 * new exec or port-forward per poll. The answers are read the way the local target reads its
 * connections: nothing listening is down (a server that does not listen yet too), a connection
 * without an answer in time is unresponsive, an answer is the service's to read as a role.
 *
 * <p>This class parses the stream (it is the exec's standard output) and hands out answers begun
 * after a question was asked; {@link StatusStreams} opens and reopens the streams.
 */
final class StatusStream extends OutputStream {

    static final Duration INTERVAL = Duration.ofMillis(100);
    /** How long the in-pod request may take before it counts as unanswered. */
    static final int ANSWER_SECONDS = 2;
    /** The exit status of a service's question when nothing listens (ECONNREFUSED's number). */
    static final int REFUSED = 111;
    /** The exit status of a service's question left unanswered in time (timeout(1)'s). */
    static final int TIMED_OUT = 124;

    /**
     * Run by bash in the sidecar, for as long as the exec stream lives (a write to a closed stream
     * ends it). {@code ask} are the service's commands that ask the member once, on the pod's
     * loopback, within {@link #ANSWER_SECONDS}: the answer on standard output, exit status 0 when it
     * answered, {@link #REFUSED} when nothing listens, {@link #TIMED_OUT} when it did not answer in
     * time (a connection refused, or killed by a signal, count as those too).
     */
    static String script(String ask) {
        return "# quorum-chaos observer: the member's status on the pod's loopback, framed, until the stream closes\n"
                + "ask() {\n" + ask.strip() + "\n}\n"
                + "err=$(mktemp)\n"
                + "n=0\n"
                + "while :; do\n"
                + "  n=$((n + 1))\n"
                + "  echo \"@@begin $n\"\n"
                + "  answer=$(ask 2>\"$err\")\n"
                + "  status=$?\n"
                + "  [ -z \"$answer\" ] || printf '%s\\n' \"$answer\"\n"
                + "  if [ $status -eq 0 ]; then echo \"@@end $n ok\"\n"
                + "  elif [ $status -eq " + REFUSED + " ] || grep -q 'Connection refused' \"$err\"; then echo \"@@end $n refused\"\n"
                + "  elif [ $status -eq " + TIMED_OUT + " ] || [ $status -gt 128 ]; then echo \"@@end $n timeout\"\n"
                + "  else echo \"@@end $n error $(tr '\\n' ' ' < \"$err\")\"; fi\n"
                + "  sleep " + INTERVAL.toMillis() / 1000.0 + " 2>/dev/null || sleep 1\n"
                + "done\n";
    }

    /** One complete answer and when its first line arrived. */
    private record Answer(long beganNanos, String status, String text, String detail) {
    }

    private final String pod;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private StringBuilder current;
    private long currentBegan;
    private Answer last;
    private String closedBecause;
    private long lastActivity = System.nanoTime();

    StatusStream(String pod) {
        this.pod = pod;
    }

    @Override
    public synchronized void write(int b) {
        if (b != '\n') {
            line.write(b);
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        lastActivity = System.nanoTime();
        if (text.startsWith("@@begin ")) {
            current = new StringBuilder();
            currentBegan = System.nanoTime();
        } else if (text.startsWith("@@end ") && current != null) {
            String[] parts = text.split(" ", 4);
            last = new Answer(currentBegan, parts.length > 2 ? parts[2] : "error", current.toString(),
                    parts.length > 3 ? parts[3].trim() : "");
            current = null;
            notifyAll();
        } else if (current != null) {
            current.append(text).append('\n');
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    /** The stream ended: questions from now on are answered with why. */
    synchronized void closed(String because) {
        if (closedBecause == null) {
            closedBecause = because;
        }
        notifyAll();
    }

    synchronized boolean open() {
        return closedBecause == null;
    }

    /** Whether nothing came for {@code quiet}: the in-pod loop writes at least every few seconds. */
    synchronized boolean stalled(Duration quiet) {
        return System.nanoTime() - lastActivity > quiet.toNanos();
    }

    synchronized String closedBecause() {
        return closedBecause;
    }

    /** The first answer begun after this call, read as a question over TCP would be. */
    synchronized String ask(int timeoutMillis) throws IOException {
        long since = System.nanoTime();
        long deadline = since + Duration.ofMillis(timeoutMillis).plus(INTERVAL).plusSeconds(ANSWER_SECONDS).toNanos();
        while (last == null || last.beganNanos() < since) {
            if (closedBecause != null) {
                throw new IOException("the status stream from " + pod + " ended: " + closedBecause);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("no answer streamed from " + pod + " within "
                        + Duration.ofNanos(deadline - since).toMillis() + " ms");
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + pod + "'s answer");
            }
        }
        return switch (last.status()) {
            case "ok" -> last.text();
            case "refused" -> throw new ConnectException("nothing listens on the client port in " + pod
                    + " (connection refused)");
            case "timeout" -> throw new SocketTimeoutException("no answer within " + ANSWER_SECONDS * 1000 + " ms in " + pod);
            default -> throw new IOException("asking " + pod + " failed: " + last.detail());
        };
    }
}
