package dev.quorumchaos.report.results;

import java.util.List;

/** The headline figures of a scenario; any of them may be absent (null). */
public record Metrics(Long bootToQuorumMs, Long timeToQuorumMs, List<Long> timeToQuorumPerFaultMs,
                      Long withoutQuorumMs, Integer maxUnavailableMembers, Long opsOk, Long opsFailed,
                      Long opsIndeterminate, Double writeAvailability, Integer lostWrites) {

    static final Metrics NONE = new Metrics(null, null, List.of(), null, null, null, null, null, null, null);

    public Metrics {
        timeToQuorumPerFaultMs = timeToQuorumPerFaultMs == null ? List.of() : timeToQuorumPerFaultMs;
    }
}
