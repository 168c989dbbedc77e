package dev.quorumchaos.history;

/** A member's role as the member itself reports it, or why it reports nothing. */
public enum MemberState {
    LEADER("leader"),
    FOLLOWER("follower"),
    OBSERVER("observer"),
    STANDALONE("standalone"),
    /** Answers, but "is not currently serving requests": electing, syncing, or cut off from a quorum. */
    LOOKING("looking"),
    /** Accepts connections but does not answer in time: paused, or wedged. */
    UNRESPONSIVE("unresponsive"),
    /** Nothing listens: the process is gone. */
    DOWN("down");

    private final String label;

    MemberState(String label) {
        this.label = label;
    }

    public boolean serving() {
        return this == LEADER || this == FOLLOWER || this == OBSERVER || this == STANDALONE;
    }

    public String label() {
        return label;
    }
}
