package dev.quorumchaos.fault.node;

import dev.quorumchaos.ChaosException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code kubectl drain}'s flags decide, for a drain the harness performs. DaemonSet pods are
 * always left alone, as with {@code --ignore-daemonsets}.
 *
 * @param force              evict pods that declare no controller too ({@code --force}); without
 *                           it such a pod refuses the whole drain, since nothing would recreate it
 * @param deleteEmptyDirData evict pods with emptyDir volumes too, losing that data
 *                           ({@code --delete-emptydir-data}); without it such a pod refuses the drain
 * @param timeout            how long evictions are retried and evicted pods awaited ({@code --timeout})
 */
public record DrainOptions(boolean force, boolean deleteEmptyDirData, Duration timeout) {

    private static final Pattern TIMEOUT = Pattern.compile("--timeout=(\\d+)(ms|s|m)");
    private static final String KNOWN = "--force, --delete-emptydir-data, --ignore-daemonsets, --timeout=60s";

    public static DrainOptions defaults() {
        return new DrainOptions(false, false, NodeFaults.DEFAULT_DRAIN_DEADLINE);
    }

    /** Parses flags as kubectl drain spells them, e.g. {@code "--delete-emptydir-data --timeout=2m"}. */
    public static DrainOptions parse(String flags) {
        DrainOptions options = defaults();
        List<String> unknown = new ArrayList<>();
        for (String flag : flags.trim().split("\\s+")) {
            Matcher timeout = TIMEOUT.matcher(flag);
            if (flag.isEmpty() || flag.equals("--ignore-daemonsets")) {
                continue;
            } else if (flag.equals("--force")) {
                options = new DrainOptions(true, options.deleteEmptyDirData, options.timeout);
            } else if (flag.equals("--delete-emptydir-data")) {
                options = new DrainOptions(options.force, true, options.timeout);
            } else if (timeout.matches()) {
                long n = Long.parseLong(timeout.group(1));
                Duration d = switch (timeout.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    default -> Duration.ofMinutes(n);
                };
                options = new DrainOptions(options.force, options.deleteEmptyDirData, d);
            } else {
                unknown.add(flag);
            }
        }
        if (!unknown.isEmpty()) {
            throw ChaosException.badInput("the drain does not know " + String.join(" ", unknown) + "; it takes the kubectl"
                    + " drain flags " + KNOWN);
        }
        return options;
    }
}
