package dev.quorumchaos.fault.partition;

/** The loopback ports a member really listens on. */
public record MemberPorts(int client, int quorum, int election) {
}
