package dev.quorumchaos.report.results;

import java.util.List;

/** A fault as recorded: what it did to which members, from when it was applied until recovered. */
public record FaultWindow(String id, String kind, String description, List<Integer> members, Long appliedAtMs,
                          Long recoveredAtMs, String recovery) {

    public FaultWindow {
        kind = kind == null ? "fault" : kind;
        description = description == null ? kind : description;
        members = members == null ? List.of() : List.copyOf(members);
    }

    public boolean recovered() {
        return recoveredAtMs != null;
    }
}
