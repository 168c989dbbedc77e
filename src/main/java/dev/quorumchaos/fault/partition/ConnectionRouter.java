package dev.quorumchaos.fault.partition;

import java.io.IOException;
import java.io.InputStream;

/**
 * Chooses, per accepted connection, which directed link a connection's bytes travel, for a proxy
 * that several links share. ZooKeeper needs none: it takes a proxy per directed link. etcd cannot
 * (every member must name a peer by the same URL), so its one inbound proxy per member learns the
 * sender of each connection from the connection's own bytes.
 */
@FunctionalInterface
public interface ConnectionRouter {

    /**
     * Called once per accepted connection before anything goes upstream (the proxy holds the
     * upstream connect until the route lets the handshake through). It may read the connection's
     * first bytes; the socket then has a read timeout, so a silent peer cannot hold it forever.
     */
    Route route(InputStream fromDownstream) throws IOException;

    /** One connection's route; asked for its behaviour at every chunk, so it may change mid-connection. */
    interface Route {

        /** What the proxy sends upstream: whatever {@link #route} read, then the rest of the stream. */
        InputStream toUpstream();

        LinkBehaviour behaviour(LinkProxy.Direction direction);
    }
}
