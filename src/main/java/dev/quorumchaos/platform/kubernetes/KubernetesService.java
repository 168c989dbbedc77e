package dev.quorumchaos.platform.kubernetes;

import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.ensemble.RoleProbe;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * A service's part on Kubernetes: what the platform cannot know about a service to deploy it and
 * fault its members. The platform deploys the manifests, forwards client ports, signals the
 * server process, runs the status question in each pod's {@code chaos-net} sidecar and cuts
 * links the same way for every service; the service says which manifests, which port, which
 * process, which question, and how to read the answers.
 */
public interface KubernetesService {

    /** Its manifests' directory beside the other services', {@code harness/kubernetes/<this>/}: "zookeeper", "etcd". */
    String manifestDirectory();

    /**
     * The port members serve clients on. The container of the StatefulSet exposing it is the
     * server's (its restarts are the member's restarts, its log the member's log), and clients'
     * port-forwards go to it.
     */
    int clientPort();

    /**
     * What the harness sets from the scenario in the pod template's environment: the size, the
     * timings. Each variable is set on every container (init containers too) that declares it, or
     * on the server's container when none does.
     */
    Map<String, String> environment(EnsembleSpec spec);

    /** The server process, as kill and pause find and signal it. */
    ServerProcess process();

    /**
     * Commands, run by bash in the sidecar on the pod's network namespace, that ask the member for
     * its status once, as {@link StatusStream#script} expects them: the answer on standard output;
     * exit status 0 answered, 111 nothing listens, 124 no answer within 2 seconds.
     */
    String statusQuestion();

    /** A reader of one ensemble's answers; a service may learn from them (etcd its member ids). */
    StatusReader statusReader(int size);

    /**
     * How the service changes its membership while it serves, when it can: an ensemble whose
     * service has none cannot grow or shrink (the scale steps skip, saying so).
     */
    default Optional<MemberReconfig> reconfig() {
        return Optional.empty();
    }

    /** Reads a member's status answer as a role. */
    @FunctionalInterface
    interface StatusReader {

        /** @throws IOException when the answer says the member does not serve, with why */
        RoleProbe.Answer read(int ordinal, String answer) throws IOException;
    }
}
