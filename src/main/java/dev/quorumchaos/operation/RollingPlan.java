package dev.quorumchaos.operation;

import java.time.Duration;

/**
 * What a rolling operation is asked to do.
 *
 * @param to        the version to upgrade to; null for a restart at each member's own version
 * @param order     which member goes first
 * @param count     how many members to take (fewer than all stops half-way, as a partition does)
 * @param perMember how long a member may take to serve again, the ensemble whole with it
 */
public record RollingPlan(String to, RollingOrder order, int count, Duration perMember) {

    public static final Duration PER_MEMBER = Duration.ofSeconds(60);

    public static RollingPlan upgrade(String to, int count) {
        return new RollingPlan(to, RollingOrder.ORDINAL, count, PER_MEMBER);
    }

    public static RollingPlan restart(RollingOrder order) {
        return new RollingPlan(null, order, Integer.MAX_VALUE, PER_MEMBER);
    }

    public boolean upgrade() {
        return to != null;
    }

    /** The fault kind its windows are recorded as. */
    public String kind() {
        return upgrade() ? "rolling-upgrade" : "rolling-restart";
    }
}
