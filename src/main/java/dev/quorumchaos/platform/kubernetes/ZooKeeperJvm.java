package dev.quorumchaos.platform.kubernetes;

/**
 * The ZooKeeper JVM in a member's pod, signalled by a script run with exec in its own container.
 *
 * <p>Why it can be killed at all: the official image's entrypoint and {@code zkServer.sh
 * start-foreground} exec one another, so the JVM keeps the pid of the container's first process;
 * in the container's own PID namespace that is PID 1, and the kernel drops every signal sent to a
 * namespace's init from inside the namespace unless init has a handler for it (SIGKILL and
 * SIGSTOP can have none). The manifests therefore share the pod's process namespace
 * ({@code shareProcessNamespace: true}): the pause container is PID 1 and the JVM an ordinary
 * process that {@code kill -KILL} from an exec reaches, as {@code kill -9} of a member on the
 * local target does. Killing the JVM ends the container's main process, so the kubelet restarts
 * the container in place (restartCount rises), as a crash would.
 *
 * <p>The pid is the one the manifest's wrapper wrote, if it still names the JVM; otherwise every
 * process is searched for the one whose arguments include ZooKeeper's main class, so a changed
 * entrypoint does not make the harness signal a shell.
 */
final class ZooKeeperJvm {

    static final String MAIN_CLASS = "org.apache.zookeeper.server.quorum.QuorumPeerMain";
    /** Where the manifest's wrapper leaves the JVM's pid. */
    static final String PID_FILE = "/tmp/zookeeper.pid";
    /** Exit code: no process in the pod runs ZooKeeper's main class. */
    static final int NO_JVM = 3;
    /** Exit code: the JVM is PID 1 of its namespace, where the kernel ignores the signal. */
    static final int PID_ONE = 4;
    /** Exit code: after SIGKILL the JVM was still there 10 s later. */
    static final int STILL_ALIVE = 5;

    private ZooKeeperJvm() {
    }

    /**
     * Sends {@code signal} (KILL, STOP, CONT) to the JVM. For KILL it waits, up to 10 s, until the
     * process is gone and exits 0; the container may take the script with it first, which the
     * caller reads as a kill too.
     */
    static String signalScript(String signal) {
        return signalScript(signal, PID_FILE);
    }

    static String signalScript(String signal, String pidFile) {
        // the class name is matched as a regular expression so that this script's own arguments,
        // which hold it escaped, never match it exactly
        String pattern = MAIN_CLASS.replace(".", "\\.");
        StringBuilder sb = new StringBuilder()
                .append("is_jvm() { [ -r \"/proc/$1/cmdline\" ] && tr '\\000' '\\n' < \"/proc/$1/cmdline\" | grep -qx '")
                .append(pattern).append("'; }\n")
                .append("pid=$(cat ").append(pidFile).append(" 2>/dev/null)\n")
                .append("if [ -z \"$pid\" ] || ! is_jvm \"$pid\"; then\n")
                .append("  pid=\n")
                .append("  for dir in /proc/[0-9]*; do\n")
                .append("    candidate=${dir#/proc/}\n")
                .append("    if [ \"$candidate\" != \"$$\" ] && is_jvm \"$candidate\"; then pid=$candidate; break; fi\n")
                .append("  done\n")
                .append("fi\n")
                .append("if [ -z \"$pid\" ]; then echo \"no process runs ").append(MAIN_CLASS)
                .append(" in this pod\" >&2; exit ").append(NO_JVM).append("; fi\n")
                .append("if [ \"$pid\" = 1 ]; then echo \"the ZooKeeper JVM is PID 1 of its PID namespace, where the kernel ignores ")
                .append("SIG").append(signal).append(" sent from inside: the pod needs shareProcessNamespace: true\" >&2; exit ")
                .append(PID_ONE).append("; fi\n")
                .append("kill -").append(signal).append(" \"$pid\"\n");
        if (signal.equals("KILL")) {
            sb.append("i=0\n")
                    .append("while kill -0 \"$pid\" 2>/dev/null; do\n")
                    .append("  i=$((i + 1)); [ $i -lt 200 ] || exit ").append(STILL_ALIVE).append("\n")
                    .append("  sleep 0.05\n")
                    .append("done\n");
        }
        return sb.toString();
    }
}
