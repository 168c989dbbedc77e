package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.ensemble.EnsembleSpec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The names members call each other by, {@code member-N}, and what each name means in each
 * member's JVM. Every member JVM resolves names through a hosts file of its own ({@code
 * jdk.net.hosts.file}, read at every lookup), so one server list, the same text for every member
 * as dynamic reconfiguration requires, still sends each member's connections through the proxies
 * of its own links. The file names every ordinal an ensemble can have: a member added later
 * resolves at once, and no lookup is ever cached as missing.
 */
final class MemberNames {

    /** The file each member JVM resolves names from, relative to its member directory. */
    static final String HOSTS_FILE = "hosts";

    private MemberNames() {
    }

    static String name(int ordinal) {
        return "member-" + ordinal;
    }

    /** Where the proxies of the directed link from→to listen: a loopback address of that link alone. */
    static InetAddress linkAddress(int from, int to) {
        try {
            return InetAddress.getByAddress(new byte[]{127, 1, (byte) (from + 1), (byte) (to + 1)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes always make an address
        }
    }

    /**
     * Member {@code self}'s hosts file: its own name is 127.0.0.1, where it binds; a peer's name is
     * the address of the link to it when {@code proxied}, else 127.0.0.1 too.
     */
    static String hostsFile(int self, boolean proxied) {
        StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n");
        for (int other = 0; other < EnsembleSpec.MAX_SIZE; other++) {
            String address = other == self || !proxied ? "127.0.0.1" : linkAddress(self, other).getHostAddress();
            hosts.append(address).append(' ').append(name(other)).append('\n');
        }
        return hosts.toString();
    }

    static void write(Path memberDir, int self, boolean proxied) {
        try {
            Files.writeString(memberDir.resolve(HOSTS_FILE), hostsFile(self, proxied));
        } catch (IOException e) {
            throw new ChaosException("cannot write the hosts file of member " + self + " in " + memberDir
                    + ": " + e.getMessage(), e);
        }
    }
}
