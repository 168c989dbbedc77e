package dev.quorumchaos.platform.kubernetes;

import io.fabric8.mockwebserver.http.RecordedRequest;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What an API request needs from RBAC, worked out as the API server's request-info resolver does
 * it: the path gives group, resource, name and subresource; the method and the query give the
 * verb. Exec, attach and port-forward arrive as WebSocket upgrades (GET): {@code get} before
 * Kubernetes 1.35, {@code get} and {@code create} from 1.35 on.
 */
final class ApiRequests {

    private static final Set<String> STREAMING = Set.of("exec", "attach", "portforward");

    private ApiRequests() {
    }

    /** The checks a request needs; empty for non-resource paths such as {@code /version}. */
    static List<RequiredAccess.Check> needs(RecordedRequest request) {
        return needs(request.getMethod(), request.getPath());
    }

    static List<RequiredAccess.Check> needs(String method, String pathAndQuery) {
        URI uri = URI.create(pathAndQuery);
        List<String> parts = Arrays.stream(uri.getPath().split("/")).filter(p -> !p.isEmpty()).toList();
        String group;
        List<String> rest;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            rest = parts.subList(2, parts.size());
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            rest = parts.subList(3, parts.size());
        } else {
            return List.of();
        }
        // namespaces/{ns}/{resource}/... is namespaced; namespaces and namespaces/{name} are the namespace itself
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty()) {
            return List.of();
        }
        String resource = rest.get(0);
        boolean named = rest.size() >= 2;
        String subresource = rest.size() >= 3 ? rest.get(2) : "";
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        String path = resource + (subresource.isEmpty() ? "" : "/" + subresource);
        if (STREAMING.contains(subresource) && method.equals("GET")) {
            return List.of(RequiredAccess.Check.of(group, path, "get"), RequiredAccess.Check.of(group, path, "create"));
        }
        String verb = switch (method) {
            case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> throw new IllegalArgumentException("unexpected method " + method + " " + pathAndQuery);
        };
        return List.of(RequiredAccess.Check.of(group, path, verb));
    }
}
