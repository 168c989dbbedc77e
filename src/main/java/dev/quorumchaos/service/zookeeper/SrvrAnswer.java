package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.ensemble.RoleProbe;
import dev.quorumchaos.history.MemberState;

import java.net.InetSocketAddress;
import java.util.function.IntFunction;

/** A ZooKeeper member's {@code srvr} answer read as a generic role: its mode, and the epoch of its last zxid. */
public final class SrvrAnswer {

    private SrvrAnswer() {
    }

    /** Asks each member {@code srvr} over a TCP connection of its own to the address {@code addresses} gives. */
    public static RoleProbe over(IntFunction<InetSocketAddress> addresses) {
        return (ordinal, timeout) -> read(FourLetterWord.ask(addresses.apply(ordinal), "srvr", timeout));
    }

    public static RoleProbe.Answer read(String srvr) {
        MemberState state = mode(srvr);
        return RoleProbe.Answer.of(state, state.serving() ? epoch(srvr) : -1);
    }

    public static MemberState mode(String srvr) {
        if (srvr.contains("not currently serving")) {
            return MemberState.LOOKING;
        }
        for (String line : srvr.split("\n")) {
            if (line.startsWith("Mode: ")) {
                return switch (line.substring(6).trim()) {
                    case "leader" -> MemberState.LEADER;
                    case "follower" -> MemberState.FOLLOWER;
                    case "observer" -> MemberState.OBSERVER;
                    case "standalone" -> MemberState.STANDALONE;
                    default -> MemberState.LOOKING;
                };
            }
        }
        // A member answers with an empty reply while it shuts down or has not started serving.
        return MemberState.LOOKING;
    }

    /** The release a member says it runs: "3.9.5" of {@code Zookeeper version: 3.9.5-<commit>, built on ...}. */
    public static java.util.Optional<String> version(String srvr) {
        for (String line : srvr.split("\n")) {
            if (line.startsWith("Zookeeper version: ")) {
                String full = line.substring("Zookeeper version: ".length()).trim();
                int end = full.indexOf('-');
                int comma = full.indexOf(',');
                int cut = end >= 0 ? end : comma >= 0 ? comma : full.length();
                return java.util.Optional.of(full.substring(0, cut).trim());
            }
        }
        return java.util.Optional.empty();
    }

    public static long epoch(String srvr) {
        for (String line : srvr.split("\n")) {
            if (line.startsWith("Zxid: 0x")) {
                return Long.parseUnsignedLong(line.substring(8).trim(), 16) >>> 32;
            }
        }
        return -1;
    }
}
