package dev.quorumchaos.fault.pod;

import dev.quorumchaos.fault.Fault;
import dev.quorumchaos.fault.FaultKind;
import dev.quorumchaos.fault.FaultSite;

import java.util.List;
import java.util.Map;

/** {@code kind: pod-delete}: a graceful deletion of one member's pod ({@link DeletePod}); needs pods. */
public final class PodDeleteKind implements FaultKind {

    static final String NAME = "pod-delete";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> fields() {
        return List.of();
    }

    @Override
    public boolean rolls() {
        return true;
    }

    @Override
    public Fault build(FaultSite site, List<Integer> members, Map<String, String> options, String description) {
        int member = FaultKind.one(members, description);
        return new DeletePod(pods(site, "deleting a pod"), member, null, description);
    }

    /** The ensemble's pods, or the scenario skipped with the reason: {@code what} needs pods. */
    public static PodDeletion pods(FaultSite site, String what) {
        return site.capability(PodDeletion.class).orElseThrow(() -> site.skip(what + " needs Kubernetes pods; the "
                + site.targetName() + " target has none"));
    }
}
