package dev.quorumchaos.fault.partition;

import dev.quorumchaos.ChaosException;

import java.time.Duration;

/**
 * What a link does to the bytes of one direction: what an iptables rule on that direction of a
 * real link would do.
 */
public record LinkBehaviour(Mode mode, Duration delay) {

    public enum Mode {
        /** Bytes flow. */
        PASS,
        /**
         * Bytes are held, as iptables DROP holds them: nothing arrives, no socket is closed, the
         * peer notices only by its own timeout. Held bytes are delivered in order once the link
         * passes again, as TCP retransmission delivers them after a DROP rule is lifted.
         */
        BLACKHOLE,
        /** Every connection is closed with RST and new ones are reset at once (REJECT with tcp-reset). */
        RESET,
        /** Each chunk is delivered {@link #delay()} after it arrived. */
        DELAY
    }

    public LinkBehaviour {
        if (delay.isNegative() || (mode == Mode.DELAY) == delay.isZero()) {
            throw ChaosException.badInput("a link delay must be positive, and only a delayed link has one: "
                    + mode + " " + delay.toMillis() + " ms");
        }
    }

    public static LinkBehaviour pass() {
        return new LinkBehaviour(Mode.PASS, Duration.ZERO);
    }

    public static LinkBehaviour blackhole() {
        return new LinkBehaviour(Mode.BLACKHOLE, Duration.ZERO);
    }

    public static LinkBehaviour reset() {
        return new LinkBehaviour(Mode.RESET, Duration.ZERO);
    }

    public static LinkBehaviour delay(Duration delay) {
        return new LinkBehaviour(Mode.DELAY, delay);
    }

    boolean passes() {
        return mode == Mode.PASS;
    }

    /** Whether bytes may leave at all (after their delay): not while blackholed or reset. */
    boolean forwards() {
        return mode == Mode.PASS || mode == Mode.DELAY;
    }

    @Override
    public String toString() {
        return mode == Mode.DELAY ? "delay " + delay.toMillis() + " ms" : mode.name().toLowerCase();
    }
}
