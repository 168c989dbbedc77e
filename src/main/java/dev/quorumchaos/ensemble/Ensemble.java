package dev.quorumchaos.ensemble;

import java.net.InetSocketAddress;

/**
 * A running ensemble of some service on some platform, with members numbered from 0 like
 * StatefulSet ordinals. It knows how to reach each member and what each member last said about itself; the
 * disruptive operations live with the faults.
 */
public interface Ensemble extends AutoCloseable {

    int size();

    /** The address clients and the observer use to reach member {@code ordinal}. */
    InetSocketAddress clientAddress(int ordinal);

    /** A connect string naming every member, for clients that may fail over. */
    default String connectString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(connectString(i));
        }
        return sb.toString();
    }

    /** A connect string naming one member only: a client on it talks to that member alone. */
    default String connectString(int ordinal) {
        InetSocketAddress a = clientAddress(ordinal);
        return a.getHostString() + ":" + a.getPort();
    }

    RoleObserver observer();

    MemberControl members();

    default EnsembleView view() {
        return observer().view();
    }

    /** Asks every member now rather than trusting the last poll. */
    default EnsembleView refresh() {
        return observer().refresh();
    }

    /**
     * Whether the platform counts every member ready too: on Kubernetes every pod is Ready (its
     * readiness probe passed), a probe period or two after the member first serves. A scenario
     * starts once both agree, so that no fault lands on a rollout still under way.
     */
    default boolean settled() {
        return true;
    }

    /**
     * Why member {@code ordinal} does not serve, as the platform tells it (on Kubernetes the pod's
     * phase and conditions and the latest events about it, e.g. the scheduler's "0/3 nodes are
     * available: ..."); empty when the platform has nothing to add.
     */
    default java.util.Optional<String> whyUnavailable(int ordinal) {
        return java.util.Optional.empty();
    }

    /** The scenario's disruption budget, for targets that enforce one (a PodDisruptionBudget). */
    default void budget(int maxUnavailable) {
    }

    /** Copies each member's log into {@code dir}, for a person to read after a failed scenario. */
    void saveLogs(java.nio.file.Path dir);

    /** Where this ensemble runs, for messages: "local", "k3s", a kubeconfig context. */
    String targetName();

    @Override
    void close();
}
