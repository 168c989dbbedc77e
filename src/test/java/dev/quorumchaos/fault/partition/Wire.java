package dev.quorumchaos.fault.partition;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An established connection through a proxy: the end of the member that opened it ("near") and
 * the end the upstream member accepted ("far"), each recording what it receives.
 */
public final class Wire implements AutoCloseable {

    final Socket near;
    final Socket far;
    public final Received atNear;
    public final Received atFar;
    private final String name;

    private Wire(String name, Socket near, Socket far) throws IOException {
        this.name = name;
        this.near = near;
        this.far = far;
        this.atNear = new Received(near.getInputStream(), name + " near");
        this.atFar = new Received(far.getInputStream(), name + " far");
    }

    public static Wire open(String name, InetSocketAddress proxy, UpstreamServer upstream)
            throws IOException, InterruptedException {
        Socket near = connect(proxy);
        return new Wire(name, near, upstream.nextConnection());
    }

    public static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 2000);
        return socket;
    }


    public void toFar(String text) throws IOException {
        near.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void toNear(String text) throws IOException {
        far.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() throws IOException {
        near.close();
        far.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
