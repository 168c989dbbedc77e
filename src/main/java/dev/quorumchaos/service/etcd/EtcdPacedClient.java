package dev.quorumchaos.service.etcd;

import dev.quorumchaos.history.History;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Response;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A jetcd client doing one thing at a steady pace and recording it, as the ZooKeeper clients do.
 * jetcd's own retries are off ({@code retryMaxAttempts(0)}): a retried write whose first try
 * committed would be recorded as one write, or a compare-and-set as failed when it succeeded. And
 * a request waits for no connection ({@code waitForReady(false)}), so a refused connection fails
 * at once, provably unsent. The member that answered comes from the response header.
 */
abstract class EtcdPacedClient implements AutoCloseable {

    static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(5);

    protected final int process;
    protected final History history;
    protected final KV kv;
    private final Client client;
    private final EtcdMemberIds ids;
    private final Duration interval;
    private final ScheduledExecutorService pacer;

    EtcdPacedClient(String name, int process, List<URI> endpoints, Duration interval, History history, EtcdMemberIds ids) {
        this.process = process;
        this.history = history;
        this.ids = ids;
        this.interval = interval;
        this.client = Client.builder().endpoints(endpoints.toArray(URI[]::new)).retryMaxAttempts(0)
                .waitForReady(false).connectTimeout(Duration.ofSeconds(1)).build();
        this.kv = client.getKVClient();
        this.pacer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-" + process);
            t.setDaemon(true);
            return t;
        });
    }

    /** Fixed delay, not rate: after a stall the client resumes its pace instead of bursting. */
    void start() {
        pacer.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                // a failed tick must not end the client: the executor would cancel every later one
                System.err.println("chaos: etcd client " + process + ": " + e);
            }
        }, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    protected abstract void tick();

    /** The member that answered, by the id in the response header; -1 when not known. */
    protected int member(Response.Header header) {
        return ids.ordinalOf(header.getMemberId()).orElse(-1);
    }

    /** The call's result, or the failure it ended with (a {@link TimeoutException} when unanswered). */
    protected static <T> Answer<T> await(CompletableFuture<T> call) {
        try {
            return new Answer<>(call.get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (ExecutionException e) {
            return new Answer<>(null, e.getCause());
        } catch (TimeoutException e) {
            call.cancel(true);
            return new Answer<>(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer<>(null, e);
        }
    }

    record Answer<T>(T value, Throwable failure) {
        boolean ok() {
            return failure == null;
        }
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    /** Stops the client; an operation in flight ends as it ends. */
    @Override
    public void close() {
        pacer.shutdown();
        try {
            if (!pacer.awaitTermination(OPERATION_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)) {
                pacer.shutdownNow();
            }
        } catch (InterruptedException e) {
            pacer.shutdownNow();
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
