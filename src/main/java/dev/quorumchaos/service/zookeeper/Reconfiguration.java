package dev.quorumchaos.service.zookeeper;

import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;

import java.security.NoSuchAlgorithmException;

/** Placeholder: filled in by the grow/shrink step. */
final class Reconfiguration {

    static final String SUPER_AUTH = "super:chaos-harness";
    static final String SUPER_DIGEST = digest();

    private Reconfiguration() {
    }

    private static String digest() {
        try {
            return DigestAuthenticationProvider.generateDigest(SUPER_AUTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-1 in this JVM", e);
        }
    }
}
