package dev.quorumchaos.fault.pod;

import java.time.Duration;

/** Targets whose members run in pods that can be deleted, as operators delete them. */
public interface PodDeletion {

    /**
     * Deletes the member's pod gracefully and returns once it is gone; its controller creates it
     * anew.
     *
     * @param grace null for the pod's own termination grace period
     */
    void deletePod(int ordinal, Duration grace);
}
