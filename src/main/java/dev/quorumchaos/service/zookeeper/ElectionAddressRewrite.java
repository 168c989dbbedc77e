package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.fault.partition.DirectedLink;
import dev.quorumchaos.fault.partition.LinkBehaviour;
import dev.quorumchaos.fault.partition.LinkProxy;
import dev.quorumchaos.fault.partition.Links;
import dev.quorumchaos.fault.partition.PartitionShapes;
import dev.quorumchaos.fault.partition.PartitionShape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Rewrites the address in the first message of a ZooKeeper election connection. The initiator
 * sends its protocol version, its id and its own election address; when the initiator has the
 * smaller id, the receiver drops the connection and dials back to that advertised address. The
 * advertised address is the member's real one, so the call back would bypass the link proxies
 * and survive every partition. Advertising the proxy the receiver should use instead keeps every
 * election connection on a link that can be cut.
 */
final class ElectionAddressRewrite extends InputStream {

    /** ZooKeeper's election protocol versions (QuorumCnxManager.PROTOCOL_VERSION_V1/V2). */
    private static final long V1 = -65536L;
    private static final long V2 = -65535L;
    private static final int MAX_ADDRESS_BYTES = 4096;

    private final InputStream source;
    private final Supplier<InetSocketAddress> callBack;
    private InputStream head;

    ElectionAddressRewrite(InputStream source, Supplier<InetSocketAddress> callBack) {
        this.source = source;
        this.callBack = callBack;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (head == null) {
            head = rewrittenHead();
        }
        int n = head.read(buffer, offset, length);
        return n >= 0 ? n : source.read(buffer, offset, length);
    }

    /**
     * Reads the initial message and returns it with the address replaced. Anything that does not
     * start like one passes as it is, after the first read: the proxy never waits for bytes a
     * non-ZooKeeper peer may not send.
     */
    private InputStream rewrittenHead() throws IOException {
        byte[] first = new byte[8];
        int n = source.read(first);
        if (n <= 0) {
            return new ByteArrayInputStream(new byte[0]);
        }
        for (int i = 0; i < Math.min(n, 7); i++) {
            if (first[i] != versionByte(i)) {
                return new ByteArrayInputStream(first, 0, n);
            }
        }
        DataInputStream in = new DataInputStream(source);
        ByteArrayOutputStream original = new ByteArrayOutputStream();
        original.write(first, 0, n);
        try {
            in.readFully(first, n, 8 - n);
            original.write(first, n, 8 - n);
            long version = new DataInputStream(new ByteArrayInputStream(first)).readLong();
            if (version != V1 && version != V2) {
                return new ByteArrayInputStream(original.toByteArray());
            }
            long sid = in.readLong();
            int length = in.readInt();
            DataOutputStream out = new DataOutputStream(original);
            out.writeLong(sid);
            if (length < 0 || length > MAX_ADDRESS_BYTES) {
                out.writeInt(length);
                return new ByteArrayInputStream(original.toByteArray());
            }
            in.readFully(new byte[length]);
            InetSocketAddress proxy = callBack.get();
            byte[] address = (proxy.getAddress().getHostAddress() + ":" + proxy.getPort())
                    .getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
            DataOutputStream r = new DataOutputStream(rewritten);
            r.writeLong(version);
            r.writeLong(sid);
            r.writeInt(address.length);
            r.write(address);
            return new ByteArrayInputStream(rewritten.toByteArray());
        } catch (EOFException e) {
            // the stream ended inside the header: pass on what came
            return new ByteArrayInputStream(original.toByteArray());
        }
    }

    /** Byte {@code i} of both protocol versions (ff ff ff ff ff ff 00 0x); the last one is checked after the full read. */
    private static byte versionByte(int i) {
        return i < 6 ? (byte) 0xff : 0;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
