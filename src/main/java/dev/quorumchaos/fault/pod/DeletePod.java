package dev.quorumchaos.fault.pod;

import dev.quorumchaos.fault.Fault;

import java.time.Duration;
import java.util.List;

/**
 * Deletes a member's pod, the maintenance operation operators perform: SIGTERM, a grace period,
 * and a new pod from the StatefulSet. Unlike a kill the member shuts down cleanly; recovery is
 * the new pod starting.
 *
 * @param grace null for the pod's own termination grace period
 */
public record DeletePod(PodDeletion pods, int member, Duration grace, String description) implements Fault {

    @Override
    public String kind() {
        return PodDeleteKind.NAME;
    }

    @Override
    public List<Integer> members() {
        return List.of(member);
    }

    @Override
    public void apply() {
        pods.deletePod(member, grace);
    }

    /** The StatefulSet brings the pod back; there is nothing to undo. */
    @Override
    public void recover() {
    }

    @Override
    public boolean selfHealing() {
        return true;
    }
}
