package dev.quorumchaos.fault;

import dev.quorumchaos.ensemble.EnsembleView;
import dev.quorumchaos.ensemble.MemberControl;
import dev.quorumchaos.history.History;

import java.util.Optional;

/**
 * Where a fault lands: the scenario's ensemble as a {@link FaultKind} needs it to build a fault.
 * What a platform cannot do is a capability the ensemble lacks; the kind then skips the scenario
 * with the reason.
 */
public interface FaultSite {

    MemberControl members();

    /** Asks every member now: shapes chosen from the leader need the current roles. */
    EnsembleView refresh();

    /** The ensemble's capability of this type (pods to delete, links to cut, nodes), if it has it. */
    <T> Optional<T> capability(Class<T> type);

    /** The platform's name for messages: "local", "k3s", "kubeconfig". */
    String targetName();

    /** What to throw so that the scenario is reported skipped with {@code reason}, never passed. */
    RuntimeException skip(String reason);

    /**
     * Whether node faults may hit nodes that also run other namespaces' pods: on a cluster the
     * harness created, or when the run was told so (--allow-shared-nodes).
     */
    boolean allowsSharedNodes();

    /** The scenario's history, where a fault records what the platform did about it (a node's taint). */
    History history();

    /** Tells the person watching. */
    void say(String line);

    /**
     * The scenario's injector: a {@link Procedure} records each of its steps (a member's turn in
     * a rolling upgrade) as a fault window of its own through it.
     */
    FaultInjector injector();
}
