package dev.quorumchaos.operation;

import dev.quorumchaos.ensemble.EnsembleView;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** In which order a rolling operation takes the members. */
public enum RollingOrder {

    /** 0, 1, 2...: what a StatefulSet's RollingUpdate does in reverse, and a script over hosts does. */
    ORDINAL("in ordinal order"),
    /**
     * The followers first, the leader last: the order operators use, so the ensemble elects a
     * new leader once, not once per member.
     */
    FOLLOWERS_FIRST("followers first and the leader last");

    private final String phrase;

    RollingOrder(String phrase) {
        this.phrase = phrase;
    }

    /** As a step or report says it. */
    public String phrase() {
        return phrase;
    }

    /** As a fault file writes it: {@code order: followers-first}. */
    public String field() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static java.util.Optional<RollingOrder> ofField(String text) {
        for (RollingOrder o : values()) {
            if (o.field().equals(text)) {
                return java.util.Optional.of(o);
            }
        }
        return java.util.Optional.empty();
    }

    /** The members of a {@code size}-member ensemble in this order, with the roles of {@code view}. */
    public List<Integer> of(int size, EnsembleView view) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            order.add(i);
        }
        if (this == FOLLOWERS_FIRST) {
            OptionalInt leader = view.leader();
            if (leader.isPresent()) {
                order.remove(Integer.valueOf(leader.getAsInt()));
                order.add(leader.getAsInt());
            }
        }
        return order;
    }
}
