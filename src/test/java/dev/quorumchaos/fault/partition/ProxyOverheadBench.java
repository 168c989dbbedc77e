package dev.quorumchaos.fault.partition;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

/**
 * Round-trip latency of small messages over loopback, straight to an echo server and through a
 * {@link LinkProxy}, in the same run and interleaved in rounds so both see the same machine load.
 * Run: {@code mvn -q test-compile && java -cp target/classes:target/test-classes
 * dev.quorumchaos.fault.partition.ProxyOverheadBench [roundTripsPerRound] [rounds] [messageBytes]}.
 */
public final class ProxyOverheadBench {

    public static void main(String[] args) throws Exception {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 64;

        try (ServerSocket echo = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> serveEcho(echo), "bench-echo");
            server.setDaemon(true);
            server.start();
            InetSocketAddress echoAddress = new InetSocketAddress(echo.getInetAddress(), echo.getLocalPort());
            try (LinkProxy proxy = LinkProxy.open("bench", echoAddress);
                 Socket direct = connect(echoAddress);
                 Socket proxied = connect(proxy.address())) {
                byte[] message = new byte[size];
                roundTrips(direct, message, perRound); // warm-up: JIT and socket buffers
                roundTrips(proxied, message, perRound);
                long[] directNanos = new long[perRound * rounds];
                long[] proxiedNanos = new long[perRound * rounds];
                for (int r = 0; r < rounds; r++) {
                    System.arraycopy(roundTrips(direct, message, perRound), 0, directNanos, r * perRound, perRound);
                    System.arraycopy(roundTrips(proxied, message, perRound), 0, proxiedNanos, r * perRound, perRound);
                }
                System.out.printf("%d round trips of %d bytes each way, %d rounds interleaved, %d cores%n",
                        perRound * rounds, size, rounds, Runtime.getRuntime().availableProcessors());
                report("direct ", directNanos);
                report("proxied", proxiedNanos);
            }
        }
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address);
        return socket;
    }

    private static long[] roundTrips(Socket socket, byte[] message, int count) throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        byte[] reply = new byte[message.length];
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            out.write(message);
            in.readNBytes(reply, 0, reply.length);
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static void serveEcho(ServerSocket server) {
        while (true) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Thread echo = new Thread(() -> echo(socket), "bench-echo " + socket.getPort());
                echo.setDaemon(true);
                echo.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void echo(Socket socket) {
        byte[] buffer = new byte[16 * 1024];
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException closed) {
            // the benchmark is over
        }
    }

    private static void report(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s median %6.1f us   p99 %7.1f us   max %8.1f us%n", label,
                percentile(sorted, 0.50) / 1e3, percentile(sorted, 0.99) / 1e3, sorted[sorted.length - 1] / 1e3);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
