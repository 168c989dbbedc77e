package dev.quorumchaos.platform.kubernetes;

import java.util.ArrayList;
import java.util.List;

/**
 * Every API access the harness makes on a cluster, declared once. The pre-flight asks the API
 * server about each verb with a SelfSubjectAccessReview before anything is deployed;
 * {@code RequiredAccessTest} holds {@code harness/kubernetes/rbac.yaml} to exactly this list and
 * fails on any request the harness makes in the mock tests that this list does not declare.
 *
 * <p>Exec and port-forward are WebSocket upgrades, which are GET requests: API servers before
 * 1.35 authorize them as {@code get}, and from 1.35 on they also ask for {@code create}
 * (feature gate AuthorizePodWebsocketUpgradeCreatePermission), so both are needed.
 */
public enum RequiredAccess {

    NAMESPACES("", "namespaces", List.of("create", "delete", "list"),
            "a namespace per run, deleted at its end; the next run and `chaos clean` list what crashed runs left"),
    PODS("", "pods", List.of("get", "list", "watch", "delete"),
            "members are watched by informers, found on a node before a node fault, deleted by kills and volume loss;"
                    + " a drain waits until each pod it evicted is gone; pods stuck on a lost node are force-deleted"),
    POD_EXEC("", "pods/exec", List.of("create", "get"),
            "signals to the JVM (pause, resume) and iptables in the chaos-net sidecar (partitions)"),
    POD_PORT_FORWARD("", "pods/portforward", List.of("create", "get"),
            "clients and the role observer reach each member's client port"),
    POD_EVICTION("", "pods/eviction", List.of("create"),
            "drains evict through the Eviction API, so the disruption budget is asked"),
    POD_LOG("", "pods/log", List.of("get"),
            "member logs saved with the report of a failed scenario"),
    EVENTS("", "events", List.of("list"),
            "the events saved with the report of a failed scenario, and why a member stays Pending"),
    SERVICES("", "services", List.of("create"),
            "the headless and client Services of the manifests"),
    CLAIMS("", "persistentvolumeclaims", List.of("get", "delete"),
            "volume loss deletes a member's claim and waits until it is gone, and so does a shrink"),
    STATEFULSETS("apps", "statefulsets", List.of("create", "get", "patch"),
            "the members' StatefulSet; read and patched by rollouts (its image, its partition) and by a grow or"
                    + " shrink (its replicas)"),
    DISRUPTION_BUDGETS("policy", "poddisruptionbudgets", List.of("create", "get", "list", "watch", "patch"),
            "the budget is created with the manifests, watched over the scenario, and set by the budget step"),
    NODES("", "nodes", List.of("get", "list", "update"),
            "enough nodes for one member each; taints, cordons and node losses edit the Node, keeping what they changed in"
                    + " an annotation; a lost node's Ready condition and taints are watched"),
    ACCESS_REVIEWS("authorization.k8s.io", "selfsubjectaccessreviews", List.of("create"),
            "this pre-flight: asking the API server what the harness may do");

    /** One verb on one resource, as a SelfSubjectAccessReview asks and an RBAC rule grants it. */
    public record Check(String apiGroup, String resource, String subresource, String verb) {

        /** {@code resource} may name a subresource after a slash, as RBAC rules do: {@code pods/exec}. */
        public static Check of(String apiGroup, String resource, String verb) {
            int slash = resource.indexOf('/');
            return slash < 0 ? new Check(apiGroup, resource, "", verb)
                    : new Check(apiGroup, resource.substring(0, slash), resource.substring(slash + 1), verb);
        }

        /** As {@code kubectl auth can-i} takes it: {@code patch poddisruptionbudgets.policy}. */
        @Override
        public String toString() {
            return verb + " " + resource + (subresource.isEmpty() ? "" : "/" + subresource)
                    + (apiGroup.isEmpty() ? "" : "." + apiGroup);
        }
    }

    private final String apiGroup;
    private final String resource;
    private final List<String> verbs;
    private final String why;

    RequiredAccess(String apiGroup, String resource, List<String> verbs, String why) {
        this.apiGroup = apiGroup;
        this.resource = resource;
        this.verbs = verbs;
        this.why = why;
    }

    public String why() {
        return why;
    }

    public List<Check> checks() {
        return verbs.stream().map(v -> Check.of(apiGroup, resource, v)).toList();
    }

    /** Every verb on every resource, in declaration order. */
    public static List<Check> all() {
        List<Check> all = new ArrayList<>();
        for (RequiredAccess access : values()) {
            all.addAll(access.checks());
        }
        return all;
    }

    /** The declaration that covers {@code check}: for saying why the harness needs what is denied. */
    public static RequiredAccess covering(Check check) {
        for (RequiredAccess access : values()) {
            if (access.checks().contains(check)) {
                return access;
            }
        }
        throw new IllegalArgumentException("the harness does not declare " + check);
    }
}
