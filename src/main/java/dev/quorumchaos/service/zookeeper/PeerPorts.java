package dev.quorumchaos.service.zookeeper;

import java.net.InetSocketAddress;

/** Where one member reaches a peer's quorum and election ports: a pair of proxies, or the real ports. */
public record PeerPorts(String host, int quorum, int election) {

    /** The address part of a {@code server.N=} line: {@code host:quorum:election}. */
    public String serverAddress() {
        return host + ":" + quorum + ":" + election;
    }

    public InetSocketAddress quorumAddress() {
        return new InetSocketAddress(host, quorum);
    }

    public InetSocketAddress electionAddress() {
        return new InetSocketAddress(host, election);
    }
}
