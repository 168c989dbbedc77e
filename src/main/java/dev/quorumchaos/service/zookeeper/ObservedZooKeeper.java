package dev.quorumchaos.service.zookeeper;

import org.apache.zookeeper.ZooKeeper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** A ZooKeeper client that can tell which member it is connected to, for the history. */
final class ObservedZooKeeper extends ZooKeeper {

    ObservedZooKeeper(String connectString, int sessionTimeoutMillis) throws IOException {
        super(connectString, sessionTimeoutMillis, event -> { });
    }

    /** The member's port, or -1 while disconnected. */
    int remotePort() {
        SocketAddress remote = testableRemoteSocketAddress();
        return remote instanceof InetSocketAddress a ? a.getPort() : -1;
    }
}
