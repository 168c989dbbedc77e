package dev.quorumchaos.service.zookeeper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Asks a member a four-letter-word command over its client port and returns the answer. */
public final class FourLetterWord {

    private FourLetterWord() {
    }

    /**
     * @throws SocketTimeoutException when the member accepts but does not answer in time (paused)
     * @throws IOException            when nothing answers (down)
     */
    public static String ask(InetSocketAddress address, String command, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            socket.connect(address, timeoutMillis);
            socket.getOutputStream().write(command.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream(512);
            byte[] buffer = new byte[1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                answer.write(buffer, 0, n);
            }
            return answer.toString(StandardCharsets.US_ASCII);
        }
    }
}
