package dev.quorumchaos.fault.partition;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Everything one end of a connection has received so far, read by a thread of its own. */
public final class Received {

    private final StringBuffer text = new StringBuffer();
    private final Thread reader;
    private volatile String ending;

    public Received(InputStream in, String name) {
        this.reader = new Thread(() -> read(in), "test-reader " + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(InputStream in) {
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
            ending = "end of stream";
        } catch (IOException e) {
            ending = e.getMessage();
        }
    }

    public String text() {
        return text.toString();
    }

    /** Null while the connection is open; else how it ended ("end of stream", "Connection reset"). */
    public String ending() {
        return ending;
    }

    public void join() throws InterruptedException {
        reader.join();
    }
}
