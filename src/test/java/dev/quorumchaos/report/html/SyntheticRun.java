package dev.quorumchaos.report.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A results.json the size of a long nightly scenario, built the way ScenarioRecord writes one:
 * 5 members, a fault every 30 s for 30 minutes (leader kills, follower pauses, double kills),
 * members flapping through looking in between, 100k client operations aggregated per second,
 * and checks whose evidence is as long as real ones get (every outage, every unavailability).
 */
final class SyntheticRun {

    static final long DURATION_MS = 30 * 60 * 1000;
    static final int MEMBERS = 5;
    static final int OPERATIONS = 100_000;

    private final Random random = new Random(42);
    private final List<Map<String, Object>> roles = new ArrayList<>();
    private final List<Map<String, Object>> faults = new ArrayList<>();
    private final List<Map<String, Object>> recoveries = new ArrayList<>();
    private final List<Map<String, Object>> outages = new ArrayList<>();
    private final List<Map<String, Object>> unavailable = new ArrayList<>();
    private final String[] state = new String[MEMBERS];
    private int leader = 4;

    static Map<String, Object> results() {
        return new SyntheticRun().build();
    }

    private Map<String, Object> build() {
        for (int m = 0; m < MEMBERS; m++) {
            change(m, "looking", 800 + m * 20L);
        }
        long firstQuorum = 2600;
        for (int m = 0; m < MEMBERS; m++) {
            change(m, m == leader ? "leader" : "follower", firstQuorum + m);
        }
        List<Map<String, Object>> quorum = new ArrayList<>();
        quorum.add(interval(0, firstQuorum, false, -1));
        long quorumFrom = firstQuorum;
        List<Long> perFault = new ArrayList<>();
        int n = 0;
        for (long t = 30_000; t < DURATION_MS - 20_000; t += 30_000) {
            n++;
            // followers flap between faults: many small role changes, as a busy ensemble shows
            for (long f = t - 25_000; f < t - 2_000; f += 700) {
                int m = follower();
                change(m, "looking", f + random.nextInt(300));
                change(m, "follower", f + 400 + random.nextInt(300));
            }
            switch (n % 3) {
                case 0 -> { // kill the leader: quorum lost until a new leader is elected
                    int old = leader;
                    long lost = t + 10;
                    long back = lost + 400 + random.nextInt(1800);
                    fault(n, "kill", "kill leader (member " + old + ")", List.of(old), t, t + 1000);
                    quorum.add(interval(quorumFrom, lost, true, old));
                    quorum.add(interval(lost, back, false, -1));
                    quorumFrom = back;
                    outages.add(Map.of("fromMs", lost, "toMs", back, "durationMs", back - lost, "ongoing", false));
                    perFault.add(back - t);
                    recovery(lost, back);
                    change(old, "down", lost);
                    for (int m = 0; m < MEMBERS; m++) {
                        if (m != old) {
                            change(m, "looking", lost + 5 + m);
                        }
                    }
                    leader = follower(old);
                    for (int m = 0; m < MEMBERS; m++) {
                        if (m != old) {
                            change(m, m == leader ? "leader" : "follower", back + m);
                        }
                    }
                    change(old, "unresponsive", t + 1600);
                    change(old, "looking", t + 1900);
                    change(old, "follower", t + 2400);
                    unavailable.add(Map.of("member", old, "state", "down", "fromMs", lost, "toMs", t + 2400));
                }
                case 1 -> { // pause a follower for 5 s: quorum holds
                    int m = follower();
                    fault(n, "pause", "pause member " + m + " for 5 s", List.of(m), t, t + 5000);
                    change(m, "unresponsive", t + 250);
                    change(m, "looking", t + 5100);
                    change(m, "follower", t + 5500);
                    perFault.add(0L);
                    recovery(null, null);
                    unavailable.add(Map.of("member", m, "state", "unresponsive", "fromMs", t + 250, "toMs", t + 5500));
                }
                default -> { // kill two followers of five: quorum holds with three
                    int a = follower();
                    int b = follower(a);
                    fault(n, "kill", "kill 2 follower(s) [" + a + ", " + b + "]", List.of(a, b), t, t + 1000);
                    for (int m : new int[] {a, b}) {
                        change(m, "down", t + 10);
                        change(m, "unresponsive", t + 1500);
                        change(m, "looking", t + 1800);
                        change(m, "follower", t + 2300);
                        unavailable.add(Map.of("member", m, "state", "down", "fromMs", t + 10, "toMs", t + 2300));
                    }
                    perFault.add(0L);
                    recovery(null, null);
                }
            }
        }
        quorum.add(interval(quorumFrom, DURATION_MS, true, leader));
        roles.sort((x, y) -> Long.compare((Long) x.get("atMs"), (Long) y.get("atMs")));

        List<List<Long>> opsPerSecond = new ArrayList<>();
        long perSecond = (long) Math.ceil((double) OPERATIONS / (DURATION_MS / 1000 - 3));
        long total = 0;
        for (long s = 3; s < DURATION_MS / 1000; s++) {
            long fail = random.nextInt(50) == 0 ? 1 + random.nextInt(3) : 0;
            long info = random.nextInt(40) == 0 ? 1 : 0;
            long ok = Math.max(0, perSecond + random.nextInt(11) - 5 - fail - info);
            total += ok + fail + info;
            opsPerSecond.add(List.of(s, ok, fail, info));
        }

        Map<String, Object> timeline = new LinkedHashMap<>();
        timeline.put("roles", roles);
        timeline.put("quorum", quorum);
        timeline.put("opsPerSecond", opsPerSecond);
        timeline.put("opsPerSecondColumns", List.of("second", "ok", "fail", "info"));

        long without = outages.stream().mapToLong(o -> (Long) o.get("durationMs")).sum();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("bootToQuorumMs", firstQuorum);
        metrics.put("timeToQuorumMs", perFault.stream().max(Long::compare).orElse(null));
        metrics.put("timeToQuorumPerFaultMs", perFault);
        metrics.put("withoutQuorumMs", without);
        metrics.put("maxUnavailableMembers", 2);
        metrics.put("opsOk", total);
        metrics.put("opsFailed", 40);
        metrics.put("opsIndeterminate", 45);
        metrics.put("writeAvailability", 0.9991);
        metrics.put("lostWrites", 3);

        Map<String, Object> scenario = new LinkedHashMap<>();
        scenario.put("name", "Thirty minutes of leader kills, follower pauses and double kills under load");
        scenario.put("status", "failed");
        scenario.put("uri", "file:///work/features/zookeeper/soak.feature");
        scenario.put("line", 3);
        scenario.put("tags", List.of("@soak", "@local"));
        scenario.put("failedStep", "Then no acknowledged write is lost (soak.feature:12)");
        scenario.put("error", "FAIL: no acknowledged write lost: 3 acknowledged write(s) lost, e.g. /soak/3-17 missing on member 1");
        scenario.put("target", "local");
        scenario.put("startedAt", "2026-11-26T02:00:00.000Z");
        scenario.put("durationMs", DURATION_MS);
        scenario.put("members", MEMBERS);
        scenario.put("budget", 2);
        scenario.put("faults", faults);
        scenario.put("recoveries", recoveries);
        scenario.put("checks", List.of(
                check("keeps quorum", "quorum-held", "fail", "quorum was lost " + outages.size() + " time(s), for " + without + " ms in all",
                        Map.of("firstQuorumAtMs", firstQuorum, "outages", outages)),
                check("no acknowledged write lost", "durability", "fail", "3 acknowledged write(s) lost, e.g. /soak/3-17 missing on member 1",
                        Map.of("acknowledged", total, "lostWrites", 3, "lost", List.of("/soak/3-17", "/soak/3-18", "/soak/3-19"),
                                "lostByMember", Map.of("member 1", List.of("/soak/3-17", "/soak/3-18", "/soak/3-19")),
                                "firstLostWrittenAtMs", 901_200L)),
                check("disruption budget of 2", "budget", "pass", "at most 2 member(s) unavailable at once, budget 2",
                        Map.of("budget", 2, "maxUnavailable", 2, "unavailable", unavailable))));
        scenario.put("metrics", metrics);
        scenario.put("timeline", timeline);

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("startedAt", "2026-11-26T02:00:00.000Z");
        run.put("durationMs", DURATION_MS + 5000);
        run.put("target", "local");
        run.put("passed", 0);
        run.put("failed", 1);
        run.put("skipped", 0);
        run.put("status", "failed");
        run.put("inputErrors", List.of());
        return Map.of("run", run, "scenarios", List.of(scenario));
    }

    int roleChanges() {
        return roles.size();
    }

    private int follower(int... not) {
        while (true) {
            int m = random.nextInt(MEMBERS);
            boolean excluded = m == leader;
            for (int x : not) {
                excluded |= m == x;
            }
            if (!excluded) {
                return m;
            }
        }
    }

    private void change(int member, String newState, long atMs) {
        if (newState.equals(state[member])) {
            return;
        }
        state[member] = newState;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("member", member);
        r.put("state", newState);
        r.put("atMs", atMs);
        roles.add(r);
    }

    private void fault(int n, String kind, String description, List<Integer> members, long applied, long recovered) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", kind + "-" + n);
        f.put("kind", kind);
        f.put("description", description);
        f.put("members", members);
        f.put("appliedAtMs", applied);
        f.put("recoveredAtMs", recovered);
        faults.add(f);
    }

    /** The recovery of the fault just added, as the check computes it: kept when {@code lost} is null. */
    private void recovery(Long lost, Long back) {
        Map<String, Object> f = faults.get(faults.size() - 1);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("faultId", f.get("id"));
        r.put("kind", f.get("kind"));
        r.put("description", f.get("description"));
        r.put("members", f.get("members"));
        r.put("appliedAtMs", f.get("appliedAtMs"));
        r.put("lostAtMs", lost);
        r.put("regainedAtMs", back);
        r.put("timeToQuorumMs", back == null ? 0 : back - (Long) f.get("appliedAtMs"));
        r.put("lostBeforeFault", false);
        recoveries.add(r);
    }

    private static Map<String, Object> interval(long from, long to, boolean quorum, int leader) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("fromMs", from);
        q.put("toMs", to);
        q.put("quorum", quorum);
        q.put("leader", leader);
        return q;
    }

    private static Map<String, Object> check(String name, String kind, String verdict, String summary,
                                             Map<String, Object> evidence) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("verdict", verdict);
        c.put("summary", summary);
        c.put("kind", kind);
        c.put("evidence", evidence);
        return c;
    }
}
