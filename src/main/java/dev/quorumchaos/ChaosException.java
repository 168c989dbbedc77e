package dev.quorumchaos;

/**
 * The harness's one exception. Its message names what was being done, where, and why it failed,
 * in a sentence a person can act on. {@link #badInput()} marks mistakes in what the user gave us
 * (a feature, a fault file, an option, an unusable target): the CLI exits 2 for those, and they
 * are raised before anything is injected.
 */
public class ChaosException extends RuntimeException {

    private final boolean badInput;

    public ChaosException(String message) {
        this(message, null, false);
    }

    public ChaosException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private ChaosException(String message, Throwable cause, boolean badInput) {
        super(message, cause);
        this.badInput = badInput;
    }

    public static ChaosException badInput(String message) {
        return new ChaosException(message, null, true);
    }

    public static ChaosException badInput(String message, Throwable cause) {
        return new ChaosException(message, cause, true);
    }

    public boolean badInput() {
        return badInput;
    }
}
