package dev.quorumchaos.platform.kubernetes;

import java.util.List;

/**
 * A cut: {@code iptables DROP} of every packet to the peers, in a chain of the harness's own
 * jumped to from OUTPUT. Dropping inside the namespace stops bytes on connections already
 * established, which a NetworkPolicy does not. Each rule carries the fault's tag as a comment, so
 * healing removes exactly its rules.
 */
final class DropRules extends LinkRules {

    static final String CHAIN = "QUORUM_CHAOS";

    @Override
    String what() {
        return "cut";
    }

    @Override
    String set(String tag, List<String> ips) {
        StringBuilder sb = new StringBuilder()
                .append("iptables -w -N ").append(CHAIN).append(" 2>/dev/null || true\n")
                .append("iptables -w -C OUTPUT -j ").append(CHAIN).append(" 2>/dev/null || iptables -w -I OUTPUT 1 -j ")
                .append(CHAIN).append('\n');
        for (String ip : ips) {
            String rule = CHAIN + " -d " + ip + " -m comment --comment " + tag + " -j DROP";
            sb.append("iptables -w -C ").append(rule).append(" 2>/dev/null || iptables -w -A ").append(rule).append('\n');
        }
        // this fault's rules for any other address go: a peer that restarted has a new IP, and its
        // old one may be handed to another pod
        List<String> kept = ips.stream().map(ip -> "*\" -d " + ip + "/32 \"*").toList();
        String keep = kept.isEmpty() ? "no-address-is-kept" : String.join("|", kept);
        sb.append("iptables -w -S ").append(CHAIN).append(" | grep -F -- '--comment ").append(tag).append(" -j' | ")
                .append("while read -r rule; do\n")
                .append("  case \" $rule \" in ").append(keep).append(") ;;\n")
                .append("    *) iptables -w $(echo \"$rule\" | sed 's/^-A /-D /') ;;\n")
                .append("  esac\n")
                .append("done\n");
        return sb.toString();
    }

    @Override
    String clear(String tag) {
        String mark = "--comment " + tag + " -j";
        return "iptables -w -S " + CHAIN + " 2>/dev/null | grep -F -- '" + mark + "' | sed 's/^-A /-D /' | "
                + "while read -r rule; do iptables -w $rule || exit 1; done\n"
                + "! iptables -w -S " + CHAIN + " 2>/dev/null | grep -qF -- '" + mark + "'\n";
    }
}
