package dev.quorumchaos.report.results;

import java.util.ArrayList;
import java.util.List;

/**
 * The compact timeline of a scenario: every role change a member reported, the intervals with
 * and without quorum, and client completions per second.
 */
public record Timeline(List<RoleChange> roles, List<QuorumInterval> quorum, List<List<Long>> opsPerSecond,
                       List<String> opsPerSecondColumns) {

    static final Timeline EMPTY = new Timeline(List.of(), List.of(), List.of(), List.of());
    private static final List<String> COLUMNS = List.of("second", "ok", "fail", "info");

    public Timeline {
        roles = roles == null ? List.of() : List.copyOf(roles);
        quorum = quorum == null ? List.of() : List.copyOf(quorum);
        opsPerSecond = opsPerSecond == null ? List.of() : opsPerSecond;
        opsPerSecondColumns = opsPerSecondColumns == null || opsPerSecondColumns.isEmpty() ? COLUMNS
                : opsPerSecondColumns;
    }

    /** A member's reported role from {@code atMs} on ({@code leader}, {@code down}, ...). */
    public record RoleChange(int member, String state, long atMs) {
    }

    /** A stretch with or without quorum; {@code leader} is -1 without one. */
    public record QuorumInterval(long fromMs, long toMs, boolean quorum, int leader) {
        public long durationMs() {
            return toMs - fromMs;
        }
    }

    /** Completions in one second of the scenario, by outcome. */
    public record OpsSecond(long second, long ok, long fail, long info) {
        public long total() {
            return ok + fail + info;
        }
    }

    /** The per-second rows, read by the column names the file gives, so a reordering cannot shift them. */
    public List<OpsSecond> opsSeconds() {
        int second = opsPerSecondColumns.indexOf("second");
        int ok = opsPerSecondColumns.indexOf("ok");
        int fail = opsPerSecondColumns.indexOf("fail");
        int info = opsPerSecondColumns.indexOf("info");
        List<OpsSecond> rows = new ArrayList<>(opsPerSecond.size());
        for (List<Long> row : opsPerSecond) {
            rows.add(new OpsSecond(at(row, second), at(row, ok), at(row, fail), at(row, info)));
        }
        return rows;
    }

    private static long at(List<Long> row, int i) {
        return i >= 0 && i < row.size() && row.get(i) != null ? row.get(i) : 0;
    }

    /** When the ensemble first had a quorum, or -1 if never. */
    public long firstQuorumMs() {
        return quorum.stream().filter(QuorumInterval::quorum).mapToLong(QuorumInterval::fromMs).findFirst().orElse(-1);
    }

    /** Stretches without quorum after quorum was first reached: the outages, not the boot. */
    public List<QuorumInterval> outages() {
        long first = firstQuorumMs();
        return first < 0 ? List.of() : quorum.stream().filter(q -> !q.quorum() && q.fromMs() >= first).toList();
    }

    /** Quorum was lost after boot and not back when the scenario ended. */
    public boolean endsWithoutQuorum() {
        return !quorum.isEmpty() && !quorum.get(quorum.size() - 1).quorum() && firstQuorumMs() >= 0;
    }

    long lastMs() {
        long last = 0;
        for (QuorumInterval q : quorum) {
            last = Math.max(last, q.toMs());
        }
        for (RoleChange r : roles) {
            last = Math.max(last, r.atMs());
        }
        for (OpsSecond s : opsSeconds()) {
            last = Math.max(last, (s.second() + 1) * 1000);
        }
        return last;
    }
}
