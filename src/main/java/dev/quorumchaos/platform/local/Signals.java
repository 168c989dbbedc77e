package dev.quorumchaos.platform.local;

import dev.quorumchaos.ChaosException;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** POSIX signals Java has no API for. SIGKILL needs none: {@link Process#destroyForcibly()} sends it. */
final class Signals {

    private Signals() {
    }

    static void stop(long pid) {
        send("-STOP", pid);
    }

    static void resume(long pid) {
        send("-CONT", pid);
    }

    private static void send(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new ChaosException("kill " + signal + " " + pid + " did not return within 5 s");
            }
            // A process that is already gone is not an error: recovery treats "gone" as recovered.
            if (kill.exitValue() != 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                String out = new String(kill.getInputStream().readAllBytes()).trim();
                throw new ChaosException("kill " + signal + " " + pid + " exited " + kill.exitValue() + ": " + out);
            }
        } catch (IOException e) {
            throw new ChaosException("could not run kill " + signal + " " + pid + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosException("interrupted while sending " + signal + " to " + pid, e);
        }
    }
}
