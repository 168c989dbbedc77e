package dev.quorumchaos.platform.kubernetes;

/**
 * A member's server process inside its pod (the ZooKeeper JVM, etcd), as a script run with exec
 * finds and signals it. The service says what the process is; the platform signals it the same
 * way for every service.
 *
 * <p>Why it can be signalled at all: an image whose entrypoint execs the server leaves it the pid
 * of the container's first process, which in the container's own PID namespace is PID 1, and the
 * kernel drops every signal sent to a namespace's init from inside the namespace unless init has
 * a handler for it (SIGKILL and SIGSTOP can have none). The manifests therefore share the pod's
 * process namespace ({@code shareProcessNamespace: true}): the pause container is PID 1 and the
 * server an ordinary process that {@code kill -KILL} from an exec reaches, as {@code kill -9} of a
 * member on the local target does. Killing it ends the container's main process, so the kubelet
 * restarts the container in place (restartCount rises), as a crash would. With a shared process
 * namespace the script may run in another container of the pod (the {@code chaos-net} sidecar),
 * which is how an image without a shell (etcd's) is signalled.
 *
 * <p>The pid is the one the pid file names, if there is one and it still names the server;
 * otherwise every process is searched for one whose arguments include one matching
 * {@code argument} whole, so a changed entrypoint does not make the harness signal a shell.
 *
 * @param what      the server in messages: "the ZooKeeper JVM", "etcd"
 * @param argument  an extended regular expression one argument of the server's command line matches
 *                  whole; written so that the script's own text, which holds it, never matches it
 * @param pidFile   where the manifest's wrapper leaves the server's pid; null if it leaves none
 * @param container the container to run the script in; null for the server's own
 */
public record ServerProcess(String what, String argument, String pidFile, String container) {

    /** Exit code: no process in the pod is the server. */
    static final int NO_PROCESS = 3;
    /** Exit code: the server is PID 1 of its namespace, where the kernel ignores the signal. */
    static final int PID_ONE = 4;
    /** Exit code: after SIGKILL the server was still there 10 s later. */
    static final int STILL_ALIVE = 5;

    /** The same process, its pid looked for in {@code file} (tests run the script outside a pod). */
    public ServerProcess withPidFile(String file) {
        return new ServerProcess(what, argument, file, container);
    }

    /**
     * Sends {@code signal} (KILL, STOP, CONT) to the server. For KILL it waits, up to 10 s, until
     * the process is gone and exits 0; the container may take the script with it first, which the
     * caller reads as a kill too.
     */
    public String signalScript(String signal) {
        StringBuilder sb = new StringBuilder()
                .append("is_server() { [ -r \"/proc/$1/cmdline\" ] && tr '\\000' '\\n' < \"/proc/$1/cmdline\" | grep -Eqx '")
                .append(argument).append("'; }\n");
        if (pidFile != null) {
            sb.append("pid=$(cat ").append(pidFile).append(" 2>/dev/null)\n");
        } else {
            sb.append("pid=\n");
        }
        sb.append("if [ -z \"$pid\" ] || ! is_server \"$pid\"; then\n")
                .append("  pid=\n")
                .append("  for dir in /proc/[0-9]*; do\n")
                .append("    candidate=${dir#/proc/}\n")
                .append("    if [ \"$candidate\" != \"$$\" ] && is_server \"$candidate\"; then pid=$candidate; break; fi\n")
                .append("  done\n")
                .append("fi\n")
                .append("if [ -z \"$pid\" ]; then echo \"no process in this pod is ").append(what)
                .append("\" >&2; exit ").append(NO_PROCESS).append("; fi\n")
                .append("if [ \"$pid\" = 1 ]; then echo \"").append(what).append(" is PID 1 of its PID namespace, where the kernel")
                .append(" ignores SIG").append(signal).append(" sent from inside: the pod needs shareProcessNamespace: true\" >&2; exit ")
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
