package dev.quorumchaos.platform.kubernetes;

import java.util.List;

/**
 * What a link fault does inside a source pod's network namespace to its packets towards some
 * peers, as shell scripts the {@code chaos-net} sidecar runs. Every script of every fault runs
 * under one lock file per pod, and a fault that was healed leaves a marker there, so an apply
 * that was sent before the heal (a re-application after a restart, an exec whose answer timed
 * out) and runs after it changes nothing: healing cannot race an exec already on its way.
 */
abstract class LinkRules {

    /** The sidecar's own scratch directory: it goes with the pod, as the rules in its namespace do. */
    static final String STATE = "/tmp/quorum-chaos";

    /** What the fault is, for messages: "cut", "delay 200 ms". */
    abstract String what();

    /** Commands that make the pod's links to exactly {@code ips} behave so, idempotently. */
    abstract String set(String tag, List<String> ips);

    /** Commands that undo everything {@link #set} did for {@code tag}, idempotently. */
    abstract String clear(String tag);

    /**
     * Makes the links to exactly {@code ips} behave so, removing what names other IPs (a restarted
     * peer's old one), unless the fault was healed already.
     */
    final String applyScript(String tag, List<String> ips) {
        return locked() + "[ -e " + healed(tag) + " ] && exit 0\n" + set(tag, ips);
    }

    /** Marks the fault healed, then undoes it. */
    final String healScript(String tag) {
        return locked() + "touch " + healed(tag) + "\n" + clear(tag);
    }

    private static String locked() {
        return "set -e\nmkdir -p " + STATE + "\nexec 9>" + STATE + "/lock\nflock 9\n";
    }

    private static String healed(String tag) {
        return STATE + "/" + tag + ".healed";
    }
}
