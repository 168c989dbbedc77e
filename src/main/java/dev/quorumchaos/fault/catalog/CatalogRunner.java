package dev.quorumchaos.fault.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a catalog fault. A single fault is injected and the step returns, as the built-in steps
 * do; a composite one runs to its end inside the step (a rolling kill returns once the last
 * member is back), so the steps after it see the ensemble it left.
 */
public final class CatalogRunner {

    private final FaultContext context;

    public CatalogRunner(FaultContext context) {
        this.context = context;
    }

    public void run(FaultDefinition fault) {
        context.say("fault '" + fault.name() + "': " + fault.plan().describe());
        FaultDefinition.Plan plan = fault.plan();
        if (plan instanceof FaultDefinition.Single single) {
            single(single);
        } else if (plan instanceof FaultDefinition.Sequence sequence) {
            sequence.steps().forEach(this::step);
        } else if (plan instanceof FaultDefinition.Rolling rolling) {
            rolling(rolling);
        } else if (plan instanceof FaultDefinition.Repeat repeat) {
            repeat(repeat);
        }
    }

    private void step(FaultDefinition.Step step) {
        if (step instanceof FaultDefinition.Single single) {
            single(single);
        } else if (step instanceof FaultDefinition.Wait wait) {
            context.await(wait.duration());
        } else if (step instanceof FaultDefinition.AwaitQuorum quorum) {
            context.awaitQuorum(quorum.timeout());
        }
    }

    private void single(FaultDefinition.Single fault) {
        List<Integer> members = fault.target() == null ? List.of() : members(fault.target());
        String description = fault.target() == null ? fault.describe() : fault.describe().replace(
                fault.target().describe(),
                fault.target().describe() + " " + (members.size() == 1 ? "(member " + members.get(0) + ")" : members));
        String id = context.inject(fault, members, description);
        if (fault.duration() != null) {
            context.recoverAfter(id, fault.duration());
        }
    }

    private List<Integer> members(MemberSelector target) {
        return switch (target.who()) {
            case LEADER -> List.of(context.leader());
            case MEMBER -> List.of(target.number());
            case FOLLOWERS -> context.followers(target.number());
            case RANDOM_MEMBER -> List.of(context.randomMember());
            case RANDOM_FOLLOWER -> List.of(context.randomFollower());
            case EACH_MEMBER -> throw new IllegalStateException("'each member' belongs to rolling faults");
        };
    }

    private void rolling(FaultDefinition.Rolling rolling) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < context.size(); i++) {
            order.add(i);
        }
        if (rolling.randomOrder()) {
            order = context.shuffled(order);
        }
        FaultDefinition.Single f = rolling.fault();
        for (int member : order) {
            String id = context.inject(f, List.of(member), f.kind().name() + " member " + member + " (rolling)");
            if (f.duration() != null) {
                context.recoverAfter(id, f.duration());
            }
            context.awaitAllServing(rolling.quorumTimeout().plus(f.duration() == null ? Duration.ZERO : f.duration()));
        }
    }

    private void repeat(FaultDefinition.Repeat repeat) {
        long rounds = repeat.total().toMillis() / repeat.every().toMillis();
        for (long round = 0; round < rounds; round++) {
            single(repeat.fault());
            context.await(repeat.every());
        }
    }
}
