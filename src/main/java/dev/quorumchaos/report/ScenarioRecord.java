package dev.quorumchaos.report;

import dev.quorumchaos.check.DisruptionBudgetCheck;
import dev.quorumchaos.check.DurabilityEvidence;
import dev.quorumchaos.check.FaultRecovery;
import dev.quorumchaos.check.Membership;
import dev.quorumchaos.check.QuorumTimeline;
import dev.quorumchaos.check.Unavailability;
import dev.quorumchaos.check.Verdict;
import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;
import dev.quorumchaos.history.MemberStateChange;
import dev.quorumchaos.history.Operation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scenario as {@code results.json} has it: faults with their windows, the quorum's recovery
 * after each fault ({@link FaultRecovery}, computed by the check role and only copied here),
 * checks with their typed evidence, the headline metrics, and a compact timeline (role changes, quorum
 * intervals, operations per second) for reports to draw. Built from the history alone.
 *
 * @param history where the scenario's operations were saved, relative to the report directory
 *                ({@code <scenario>/history.edn}); null when nothing was saved
 */
public record ScenarioRecord(String name, String target, String status, String startedAt, long durationMs,
                             int members, Integer budget, List<Map<String, Object>> faults,
                             List<FaultRecovery> recoveries, List<Verdict> checks,
                             Map<String, Object> metrics, Map<String, Object> timeline, String history) {

    public static final String MEDIA_TYPE = "application/vnd.quorumchaos.scenario+json";

    public ScenarioRecord withStatus(String newStatus) {
        return new ScenarioRecord(name, target, newStatus, startedAt, durationMs, members, budget, faults, recoveries,
                checks, metrics, timeline, history);
    }

    public ScenarioRecord withHistory(String path) {
        return new ScenarioRecord(name, target, status, startedAt, durationMs, members, budget, faults, recoveries,
                checks, metrics, timeline, path);
    }

    public static ScenarioRecord of(String name, String target, String status, History history, int members,
                                    Integer budget, Long bootToQuorumMs, List<Verdict> verdicts) {
        long now = history.now();
        List<Operation> ops = history.operations();
        List<MemberStateChange> changes = history.stateChanges();
        QuorumTimeline quorum = QuorumTimeline.of(Math.max(members, 1), history, now);

        List<Map<String, Object>> faults = faults(history.faultEvents());

        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("bootToQuorumMs", bootToQuorumMs);
        List<FaultRecovery> recoveries = FaultRecovery.of(quorum, history.faultEvents());
        // the same figures as the recoveries, for CI jobs that gate on one number
        List<Long> perFault = recoveries.stream().map(FaultRecovery::timeToQuorumMs).toList();
        metrics.put("timeToQuorumMs", perFault.stream().max(Long::compare).orElse(null));
        metrics.put("timeToQuorumPerFaultMs", perFault);
        long firstQuorum = quorum.firstQuorumNanos();
        metrics.put("withoutQuorumMs", firstQuorum < 0 ? null : quorum.millisWithoutQuorumSince(firstQuorum));
        if (members > 0) {
            metrics.put("maxUnavailableMembers", Unavailability.max(Unavailability.windows(Membership.of(members, history), changes, history.readyNanos(), now,
                    DisruptionBudgetCheck.DEFAULT_GRACE)).members());
        }
        long ok = 0;
        long failed = 0;
        long info = 0;
        long writesOk = 0;
        long writesAttempted = 0;
        for (Operation op : ops) {
            switch (op.type()) {
                case OK -> ok++;
                case FAIL -> failed++;
                case INFO -> info++;
                default -> { }
            }
            if (op.f() == Operation.Fn.WRITE && !op.isInvoke()) {
                writesAttempted++;
                writesOk += op.type() == Operation.Type.OK ? 1 : 0;
            }
        }
        metrics.put("opsOk", ok);
        metrics.put("opsFailed", failed);
        metrics.put("opsIndeterminate", info);
        metrics.put("writeAvailability", writesAttempted == 0 ? null : (double) writesOk / writesAttempted);
        metrics.put("lostWrites", verdicts.stream().map(Verdict::evidence)
                .filter(DurabilityEvidence.class::isInstance).map(e -> ((DurabilityEvidence) e).lostWrites())
                .findFirst().orElse(null));

        return new ScenarioRecord(name, target, status, history.origin().toString(), now / 1_000_000, members, budget,
                faults, recoveries, List.copyOf(verdicts), metrics, timeline(changes, quorum, ops), null);
    }

    private static List<Map<String, Object>> faults(List<FaultEvent> events) {
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (FaultEvent e : events) {
            Map<String, Object> f = byId.computeIfAbsent(e.faultId(), id -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", id);
                m.put("kind", e.kind());
                m.put("description", e.description());
                m.put("members", e.members());
                m.put("appliedAtMs", null);
                m.put("recoveredAtMs", null);
                return m;
            });
            if (e.phase() == FaultEvent.Phase.APPLY) {
                f.put("appliedAtMs", e.timeMillis());
            } else {
                f.put("recoveredAtMs", e.timeMillis());
                if (e.detail() != null) {
                    f.put("recovery", e.detail());
                }
            }
        }
        return new ArrayList<>(byId.values());
    }

    private static Map<String, Object> timeline(List<MemberStateChange> changes, QuorumTimeline quorum,
                                                List<Operation> ops) {
        List<Map<String, Object>> roles = new ArrayList<>();
        for (MemberStateChange c : changes) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("member", c.member());
            r.put("state", c.state().label());
            r.put("atMs", c.timeMillis());
            roles.add(r);
        }
        List<Map<String, Object>> intervals = new ArrayList<>();
        for (QuorumTimeline.Interval i : quorum.intervals()) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("fromMs", i.startNanos() / 1_000_000);
            q.put("toMs", i.endNanos() / 1_000_000);
            q.put("quorum", i.quorum());
            q.put("leader", i.leader());
            intervals.add(q);
        }
        // completions per second: enough to draw availability, small enough for 30-minute runs
        Map<Long, long[]> perSecond = new TreeMap<>();
        for (Operation op : ops) {
            if (op.isInvoke()) {
                continue;
            }
            long[] counts = perSecond.computeIfAbsent(op.timeNanos() / 1_000_000_000L, s -> new long[3]);
            counts[op.type().ordinal() - 1]++;
        }
        List<List<Long>> opsPerSecond = new ArrayList<>();
        perSecond.forEach((second, c) -> opsPerSecond.add(List.of(second, c[0], c[1], c[2])));
        Map<String, Object> timeline = new LinkedHashMap<>();
        timeline.put("roles", roles);
        timeline.put("quorum", intervals);
        timeline.put("opsPerSecond", opsPerSecond);
        timeline.put("opsPerSecondColumns", List.of("second", "ok", "fail", "info"));
        return timeline;
    }
}
