package dev.quorumchaos.history;

/**
 * The service changed its membership: from then on {@code to} members, ordinals 0 to {@code
 * to - 1}, vote (a ZooKeeper reconfig or an etcd member add/remove committed). Checks judge
 * quorum and the budget over the members of each moment.
 *
 * @param detail what changed, as the service said it, e.g. "server.4=member-3:...:participant joined"
 */
public record MembershipChange(long timeNanos, int from, int to, String detail) {
}
