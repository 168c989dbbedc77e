package dev.quorumchaos.ensemble;

import java.io.IOException;

/**
 * How the observer gets a member's {@code srvr} answer: over a TCP connection of its own
 * (locally), or by other means with the same answers (on Kubernetes, a stream from inside the
 * member's pod).
 */
@FunctionalInterface
public interface RoleProbe {

    /**
     * The member's answer to {@code srvr}, given after this call began.
     *
     * @throws java.net.SocketTimeoutException when the member accepts but does not answer in time (paused)
     * @throws IOException                     when nothing answers (down), with why
     */
    String srvr(int ordinal, int timeoutMillis) throws IOException;
}
