package dev.quorumchaos.platform.kubernetes;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Keeps the mock API server from logging every request at INFO on the test output. */
public final class QuietMockServer implements BeforeAllCallback {

    /** Held so the level is not lost when java.util.logging lets an unreferenced logger go. */
    private static final Logger MOCK_SERVER = Logger.getLogger("io.fabric8.mockwebserver");

    @Override
    public void beforeAll(ExtensionContext context) {
        MOCK_SERVER.setLevel(Level.WARNING);
    }
}
