package dev.quorumchaos.fault.partition;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One direction of one proxied connection, run by two threads. The reader reads chunks from the
 * source; while the link passes and nothing is held, it writes them straight to the sink, so the
 * common path has no hand-off between threads. Otherwise it queues them, and the writer delivers
 * them when the link lets it: after their delay, or once a blackhole is lifted. The behaviour is
 * looked up for every chunk, so a change reaches established connections at once. The queue is
 * bounded: a blackholed sender is then pushed back by TCP flow control, as behind a DROP rule.
 * The end of the stream and a reset are queued like bytes, so a blackhole holds them too.
 */
final class Pump {

    private static final int CHUNK_BYTES = 16 * 1024;
    private static final int MAX_HELD_CHUNKS = 16;

    private enum Kind { DATA, END, ABORT }

    private record Chunk(Kind kind, byte[] bytes, long arrivedNanos) {
    }

    private final InputStream source;
    private final OutputStream sink;
    private final Runnable shutdownSink;
    private final Supplier<LinkBehaviour> behaviour;
    private final ProxiedConnection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Chunk> held = new ArrayDeque<>();
    private boolean stopped;

    Pump(InputStream source, OutputStream sink, Runnable shutdownSink, Supplier<LinkBehaviour> behaviour,
         ProxiedConnection connection) {
        this.source = source;
        this.sink = sink;
        this.shutdownSink = shutdownSink;
        this.behaviour = behaviour;
        this.connection = connection;
    }

    void read() {
        byte[] buffer = new byte[CHUNK_BYTES];
        Chunk chunk;
        do {
            chunk = readChunk(buffer);
        } while (hand(chunk) && chunk.kind() == Kind.DATA);
    }

    void write() {
        try {
            Chunk chunk;
            while ((chunk = nextDue()) != null) {
                boolean more = deliver(chunk);
                lock.lock();
                try {
                    held.poll(); // only after delivery: the reader must not overtake a chunk being written
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
                if (!more) {
                    return;
                }
            }
        } catch (InterruptedException closing) {
            // the proxy is closing and has aborted the connection
        }
    }

    /** The link's behaviour changed: look at it again. */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void stop() {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Chunk readChunk(byte[] buffer) {
        try {
            int n = source.read(buffer);
            return n < 0 ? new Chunk(Kind.END, null, System.nanoTime())
                    : new Chunk(Kind.DATA, Arrays.copyOf(buffer, n), System.nanoTime());
        } catch (IOException e) {
            return new Chunk(Kind.ABORT, null, System.nanoTime());
        }
    }

    /** Delivers the chunk now or queues it; false when this direction is over. */
    private boolean hand(Chunk chunk) {
        lock.lock();
        try {
            while (held.size() >= MAX_HELD_CHUNKS && !stopped) {
                changed.await();
            }
            if (stopped) {
                return false;
            }
            if (!held.isEmpty() || !behaviour.get().passes()) {
                held.add(chunk);
                changed.signalAll();
                return true;
            }
        } catch (InterruptedException closing) {
            return false;
        } finally {
            lock.unlock();
        }
        return deliver(chunk);
    }

    /** The oldest held chunk once the link lets it go, or null when stopped. */
    private Chunk nextDue() throws InterruptedException {
        lock.lock();
        try {
            while (!stopped) {
                Chunk head = held.peek();
                LinkBehaviour now = behaviour.get();
                if (head == null || !now.forwards()) {
                    changed.await();
                    continue;
                }
                long wait = head.arrivedNanos() + now.delay().toNanos() - System.nanoTime();
                if (wait <= 0) {
                    return head;
                }
                changed.awaitNanos(wait);
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** False when this direction is over: its end was passed on, or the connection was aborted. */
    private boolean deliver(Chunk chunk) {
        switch (chunk.kind()) {
            case DATA:
                try {
                    sink.write(chunk.bytes());
                    return true;
                } catch (IOException e) {
                    connection.abort(); // the receiver is gone: its kernel would answer with RST
                    return false;
                }
            case END:
                shutdownSink.run();
                stop();
                connection.directionEnded();
                return false;
            default:
                connection.abort();
                return false;
        }
    }
}
