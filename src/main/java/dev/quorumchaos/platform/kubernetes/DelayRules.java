package dev.quorumchaos.platform.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Latency on the links to some peers, as Chaos Mesh's NetworkChaos delay adds it: a {@code prio}
 * queueing discipline with a fourth band that no traffic reaches by itself, {@code netem delay}
 * on that band, and one {@code u32} filter per peer address sending its packets there. Other
 * traffic (the kubelet's probes, DNS) keeps its usual bands. One delay per pod at a time: the
 * qdiscs belong to the fault named in the sidecar's owner file, and another delay fault on the
 * same pod is refused with that name.
 *
 * <p>netem and prio are kernel modules ({@code sch_netem}, {@code sch_prio}) that some kernels
 * lack; {@link #probeScript()} finds out without changing anything that matters, so a scenario
 * can be skipped with tc's own words instead of failing half-way.
 */
final class DelayRules extends LinkRules {

    /** The root qdisc's handle, the harness's own so that it never takes another's for its own. */
    static final String ROOT = "c7a1:";
    static final String NETEM = "c7a2:";
    /** Exit code of the probe and of {@link #set} when the kernel has no such qdisc. */
    static final int NO_QDISC = 6;
    /** Exit code of {@link #set} when another fault's delay holds the pod's links. */
    static final int TAKEN = 7;

    private final Duration delay;

    DelayRules(Duration delay) {
        this.delay = delay;
    }

    @Override
    String what() {
        return "delay " + delay.toMillis() + " ms";
    }

    private static String device() {
        return "dev=$(ip -o route show default | awk '{ for (i = 1; i < NF; i++) if ($i == \"dev\") { print $(i + 1); exit } }')\n"
                + "[ -n \"$dev\" ] || dev=eth0\n";
    }

    private static String owner() {
        return STATE + "/delay.owner";
    }

    @Override
    String set(String tag, List<String> ips) {
        StringBuilder sb = new StringBuilder(device())
                .append("if ! tc qdisc show dev \"$dev\" | grep -q '^qdisc prio ").append(ROOT).append(" root'; then\n")
                .append("  out=$( { tc qdisc add dev \"$dev\" root handle ").append(ROOT)
                .append(" prio bands 4 priomap 1 2 2 2 1 2 0 0 1 1 1 1 1 1 1 1 && tc qdisc add dev \"$dev\" parent ")
                .append(ROOT).append("4 handle ").append(NETEM).append(" netem delay ").append(delay.toMillis())
                .append("ms; } 2>&1) || {\n")
                .append("    tc qdisc del dev \"$dev\" root handle ").append(ROOT).append(" 2>/dev/null || true\n")
                .append("    echo \"$out\" >&2\n")
                .append("    case \"$out\" in *'qdisc kind is unknown'*|*'No such file or directory'*) exit ")
                .append(NO_QDISC).append(" ;; esac\n")
                .append("    exit 1\n")
                .append("  }\n")
                .append("  echo ").append(tag).append(" > ").append(owner()).append('\n')
                .append("fi\n")
                .append("held=$(cat ").append(owner()).append(" 2>/dev/null || echo 'another tool')\n")
                .append("[ \"$held\" = ").append(tag).append(" ] || { echo \"the links of this pod are already slowed by $held\" >&2; exit ")
                .append(TAKEN).append("; }\n")
                // the filters are replaced as a whole: a restarted peer's old address goes with them
                .append("tc filter del dev \"$dev\" parent ").append(ROOT).append(" 2>/dev/null || true\n");
        for (String ip : ips) {
            sb.append("tc filter add dev \"$dev\" parent ").append(ROOT).append(" protocol ip prio 1 u32 match ip dst ")
                    .append(ip).append("/32 flowid ").append(ROOT).append("4\n");
        }
        return sb.toString();
    }

    @Override
    String clear(String tag) {
        return device()
                + "if [ \"$(cat " + owner() + " 2>/dev/null)\" = " + tag + " ]; then\n"
                + "  if tc qdisc show dev \"$dev\" | grep -q '^qdisc prio " + ROOT + " root'; then\n"
                + "    tc qdisc del dev \"$dev\" root handle " + ROOT + "\n"
                + "  fi\n"
                + "  rm -f " + owner() + "\n"
                + "fi\n";
    }

    /**
     * Whether the kernel has prio and netem: both added on the loopback device and removed at once
     * (a 0 ms delay for a moment). Exits {@link #NO_QDISC} with tc's message when one is missing.
     */
    static String probeScript() {
        return "out=$( { tc qdisc add dev lo root handle c7a3: prio bands 4 && tc qdisc add dev lo parent c7a3:4 handle"
                + " c7a4: netem delay 0ms; } 2>&1)\nstatus=$?\n"
                + "tc qdisc del dev lo root handle c7a3: 2>/dev/null || true\n"
                + "[ $status -eq 0 ] && exit 0\necho \"$out\" >&2\n"
                + "case \"$out\" in *'qdisc kind is unknown'*|*'No such file or directory'*) exit " + NO_QDISC + " ;; esac\n"
                + "exit 1\n";
    }

    /** The reason to skip, when a probe or an apply said the kernel has no such qdisc. */
    static Optional<String> missingQdisc(PodExec.Result result, String pod) {
        if (result.exitCode() != NO_QDISC) {
            return Optional.empty();
        }
        return Optional.of("slowing links on Kubernetes needs the prio and netem queueing disciplines (sch_prio, sch_netem)"
                + " in the node's kernel, and tc in the chaos-net sidecar of " + pod + " said: " + result.stderr().trim());
    }
}
