package dev.quorumchaos.fault.nodeloss;

import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.History;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the cluster does about a lost node (NotReady, the unreachable taint, pods Terminating, the
 * operator's force deletion), each recorded in the history as a window of its own beside the node
 * loss, so the timeline and the report show when Kubernetes did what. A window opens once and
 * closes once; its id is the node loss's id and the reaction's key.
 */
final class Reactions {

    private record Open(String kind, String description) {
    }

    private final History history;
    private final String lossId;
    private final List<Integer> members;
    private final Map<String, Open> open = new LinkedHashMap<>();

    Reactions(History history, String lossId, List<Integer> members) {
        this.history = history;
        this.lossId = lossId;
        this.members = List.copyOf(members);
    }

    /** Opens the window {@code key}; returns false (and records nothing) when it is open already. */
    synchronized boolean open(String key, String kind, String description) {
        if (open.containsKey(key)) {
            return false;
        }
        open.put(key, new Open(kind, description));
        history.recordFault(new FaultEvent(lossId + "/" + key, kind, description, FaultEvent.Phase.APPLY, members,
                history.now(), null, null));
        return true;
    }

    synchronized boolean isOpen(String key) {
        return open.containsKey(key);
    }

    /** Closes the window {@code key} with what ended it; a no-op when it is not open. */
    synchronized void close(String key, String detail) {
        Open o = open.remove(key);
        if (o != null) {
            history.recordFault(new FaultEvent(lossId + "/" + key, o.kind(), o.description(), FaultEvent.Phase.RECOVER,
                    members, history.now(), detail, null));
        }
    }

    /** Closes every window still open, e.g. when the watch ends with the scenario. */
    synchronized void closeAll(String detail) {
        for (String key : List.copyOf(open.keySet())) {
            close(key, detail);
        }
    }
}
