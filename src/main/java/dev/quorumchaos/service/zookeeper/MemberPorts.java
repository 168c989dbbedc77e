package dev.quorumchaos.service.zookeeper;

/** The loopback ports a member really listens on. */
public record MemberPorts(int client, int quorum, int election) {
}
