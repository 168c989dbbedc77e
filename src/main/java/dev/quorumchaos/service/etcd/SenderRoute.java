package dev.quorumchaos.service.etcd;

import dev.quorumchaos.fault.partition.ConnectionRouter;
import dev.quorumchaos.fault.partition.LinkBehaviour;
import dev.quorumchaos.fault.partition.LinkProxy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One connection into member {@code to}'s peer proxy, and the member that opened it, read from
 * rafthttp's request headers. etcd 3.4 sets {@code X-Server-From} (the sender's member id) and
 * {@code X-PeerURLs} (the sender's advertised peer URLs, here its own proxy's URL) on every raft
 * request: pipeline and snapshot POSTs ({@code createPostRequest}) and the stream GETs a member
 * opens to receive messages ({@code streamReader.dial}). A TCP connection belongs to one process,
 * so once one request names the sender, the whole connection is that sender's.
 *
 * <p>Some requests carry neither header: {@code /raft/probing} (the prober, whose pooled
 * connections a later pipeline POST may reuse), {@code /version} and {@code /members} (version and
 * membership checks), {@code /leases} (lease renewals a follower forwards to the leader). Until a
 * request names the sender, the connection gets the most severe behaviour of any link into (or
 * out of) the member, so nothing crosses a cut; the rest of its bytes are scanned for the headers.
 */
final class SenderRoute implements ConnectionRouter.Route {

    private static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final int MAX_LINE = 1024;
    private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

    private final EtcdPeerMesh mesh;
    private final int to;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean lineTooLong;
    private long senderId;
    private volatile int source = -1;
    private InputStream toUpstream;

    private SenderRoute(EtcdPeerMesh mesh, int to) {
        this.mesh = mesh;
        this.to = to;
    }

    /** Reads the first request's head (the proxy has not connected upstream yet) and routes by it. */
    static SenderRoute read(EtcdPeerMesh mesh, int to, InputStream fromDownstream) throws IOException {
        SenderRoute route = new SenderRoute(mesh, to);
        byte[] head = readHead(fromDownstream);
        route.scan(head, 0, head.length);
        InputStream rest = route.attributed() ? fromDownstream : route.new Scanning(fromDownstream);
        route.toUpstream = new SequenceInputStream(new ByteArrayInputStream(head), rest);
        return route;
    }

    /** Up to the end of the first head, or whatever came before the connection went quiet or ended. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            while (head.size() < MAX_HEAD_BYTES && !endsHead(head.toByteArray())) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                head.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException quiet) {
            // a peer that sends nothing: route it as unknown with what came
        }
        return head.toByteArray();
    }

    private static boolean endsHead(byte[] bytes) {
        outer:
        for (int i = 0; i + END_OF_HEAD.length <= bytes.length; i++) {
            for (int j = 0; j < END_OF_HEAD.length; j++) {
                if (bytes[i + j] != END_OF_HEAD[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    boolean attributed() {
        return source >= 0;
    }

    /** The member that opened the connection, or -1 while no request named it. */
    int source() {
        return source;
    }

    @Override
    public InputStream toUpstream() {
        return toUpstream;
    }

    @Override
    public LinkBehaviour behaviour(LinkProxy.Direction direction) {
        return mesh.behaviourInto(to, source, direction);
    }

    /** Looks at header lines in {@code bytes}; stops once the sender is known. */
    private void scan(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length && !attributed(); i++) {
            byte b = bytes[i];
            if (b == '\n') {
                if (!lineTooLong) {
                    header(line.toString(StandardCharsets.ISO_8859_1).trim());
                }
                line.reset();
                lineTooLong = false;
            } else if (line.size() < MAX_LINE) {
                line.write(b);
            } else {
                lineTooLong = true;
            }
        }
    }

    /** Go writes header names in canonical case ({@code X-Peerurls}): compare without case. */
    private void header(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return;
        }
        String name = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1).trim();
        int found = -1;
        if (name.equals("x-server-from")) {
            try {
                senderId = Long.parseUnsignedLong(value, 16);
            } catch (NumberFormatException notAnId) {
                return;
            }
            found = mesh.ordinalOfId(senderId);
        } else if (name.equals("x-peerurls")) {
            for (String url : value.split(",")) {
                found = Math.max(found, mesh.ordinalOfPeerUrl(url.trim()));
            }
            if (found >= 0 && senderId != 0) {
                mesh.learnId(senderId, found);
            }
        }
        if (found >= 0 && found != to) {
            source = found;
            mesh.attributed(this, to);
        }
    }

    /** The rest of a connection no request has attributed yet: passed on unchanged, scanned for the headers. */
    private final class Scanning extends FilterInputStream {

        Scanning(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && !attributed()) {
                scan(new byte[]{(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && !attributed()) {
                scan(buffer, offset, n);
            }
            return n;
        }
    }
}
