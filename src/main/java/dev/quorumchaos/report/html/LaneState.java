package dev.quorumchaos.report.html;

import java.util.Locale;

/**
 * How a member's reported role is drawn: one colour each, serving roles in blues, trouble in
 * amber, purple and charcoal, so the lanes read at a glance and in greyscale print too.
 */
enum LaneState {
    LEADER("leader", "#1a56c4"),
    FOLLOWER("follower", "#8ab4f8"),
    OBSERVER("observer", "#a8dadc"),
    STANDALONE("standalone", "#1a56c4"),
    LOOKING("looking", "#f9ab00"),
    UNRESPONSIVE("unresponsive", "#9334e6"),
    DOWN("down", "#3c4043"),
    OTHER("other", "#bdc1c6"),
    UNOBSERVED("not observed yet", "#eef0f2");

    private final String label;
    private final String colour;

    LaneState(String label, String colour) {
        this.label = label;
        this.colour = colour;
    }

    static LaneState of(String reported) {
        if (reported == null) {
            return OTHER;
        }
        for (LaneState s : values()) {
            if (s != UNOBSERVED && s.label.equals(reported.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        return OTHER;
    }

    String label() {
        return label;
    }

    String colour() {
        return colour;
    }

    String cssClass() {
        return "st-" + name().toLowerCase(Locale.ROOT);
    }
}
