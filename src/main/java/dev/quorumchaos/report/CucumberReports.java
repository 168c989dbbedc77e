package dev.quorumchaos.report;

import dev.quorumchaos.ChaosException;
import io.cucumber.core.plugin.HtmlFormatter;
import io.cucumber.core.plugin.JUnitFormatter;
import io.cucumber.core.plugin.JsonFormatter;
import io.cucumber.messages.types.Envelope;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventHandler;
import io.cucumber.plugin.event.EventPublisher;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Cucumber's own reports for CI systems, {@code cucumber.html}, {@code cucumber.json} and
 * {@code junit.xml}, written by Cucumber's own formatters from the messages of the run, once
 * the run has finished. Run live, the formatters serialise every message as it comes, and the
 * first messages (the run's start, the features, the glue) arrive before the first step: building
 * their serializers put a few hundred milliseconds of CPU on the path to the first step, beside
 * the member JVMs starting. Replayed at the end, the same messages in the same order make the
 * same files, the three written side by side.
 *
 * <p>As {@code --plugin dev.quorumchaos.report.CucumberReports:DIR} the run ends once they are
 * written. {@link #inBackground} hands the writing to the caller's time: the run ends at once and
 * the caller writes its own reports meanwhile, then waits with {@link #awaitWritten()}.
 */
public final class CucumberReports implements ConcurrentEventListener {

    private final Path dir;
    private final boolean inBackground;
    private final List<Envelope> messages = new ArrayList<>();
    private CompletableFuture<Void> written;

    public CucumberReports(String dir) {
        this(Path.of(dir), false);
    }

    private CucumberReports(Path dir, boolean inBackground) {
        this.dir = dir;
        this.inBackground = inBackground;
    }

    /** Reports written after the run without holding its end up; wait for them with {@link #awaitWritten()}. */
    public static CucumberReports inBackground(Path dir) {
        return new CucumberReports(dir, true);
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(Envelope.class, this::receive);
    }

    private synchronized void receive(Envelope message) {
        messages.add(message);
        if (message.getTestRunFinished().isPresent()) {
            List<Envelope> run = List.copyOf(messages);
            written = CompletableFuture.allOf(
                    write("cucumber.html", run, HtmlFormatter::new),
                    write("cucumber.json", run, JsonFormatter::new),
                    write("junit.xml", run, JUnitFormatter::new));
            if (!inBackground) {
                awaitWritten();
            }
        }
    }

    /** Returns once the three files are written; at once if the run never finished. */
    public void awaitWritten() {
        CompletableFuture<Void> writing;
        synchronized (this) {
            writing = written;
        }
        if (writing == null) {
            return;
        }
        try {
            writing.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new ChaosException(e.getCause().getMessage(), e);
        }
    }

    /** A Cucumber formatter constructed on an output stream. */
    @FunctionalInterface
    private interface Formatter {
        ConcurrentEventListener on(OutputStream out) throws IOException;
    }

    private CompletableFuture<Void> write(String file, List<Envelope> run, Formatter formatter) {
        return CompletableFuture.runAsync(() -> {
            // the formatter closes the stream when it sees the run finish
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(file)))) {
                Replay replay = new Replay();
                formatter.on(out).setEventPublisher(replay);
                run.forEach(replay::publish);
            } catch (IOException e) {
                throw new ChaosException("cannot write " + dir.resolve(file) + ": " + e.getMessage(), e);
            }
        }, task -> new Thread(task, "cucumber-report-" + file).start());
    }

    /** Hands recorded messages to the one formatter registered on it. */
    private static final class Replay implements EventPublisher {

        private EventHandler<Envelope> handler;

        @Override
        @SuppressWarnings("unchecked")
        public <T> void registerHandlerFor(Class<T> type, EventHandler<T> handler) {
            if (type != Envelope.class) {
                throw new IllegalStateException("only messages are replayed, not " + type.getName());
            }
            this.handler = (EventHandler<Envelope>) handler;
        }

        @Override
        public <T> void removeHandlerFor(Class<T> type, EventHandler<T> handler) {
            this.handler = null;
        }

        void publish(Envelope message) {
            if (handler != null) {
                handler.receive(message);
            }
        }
    }
}
