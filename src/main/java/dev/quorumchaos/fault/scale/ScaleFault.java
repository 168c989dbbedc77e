package dev.quorumchaos.fault.scale;

import dev.quorumchaos.ensemble.Resizable;
import dev.quorumchaos.ensemble.Resize;
import dev.quorumchaos.fault.Fault;
import dev.quorumchaos.fault.FaultSite;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The ensemble grows or shrinks to {@code to} members, one membership change at a time, each
 * committed by the service before the next (a ZooKeeper reconfig, an etcd member add or remove),
 * as operators are told to. Members join at the next ordinal and leave from the highest, like a
 * StatefulSet's scale. Removing the member that leads is said before it happens and in the
 * result. Recovering does nothing: a membership change is not undone, as Chaos Mesh's pod-kill
 * keeps a recover that does nothing.
 */
public final class ScaleFault implements Fault {

    static final String KIND = "scale";

    private final FaultSite site;
    private final Resizable resizable;
    private final int from;
    private final int to;
    private final List<Resize> done = new ArrayList<>();

    ScaleFault(FaultSite site, Resizable resizable, int from, int to) {
        this.site = site;
        this.resizable = resizable;
        this.from = from;
        this.to = to;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return (to > from ? "grow" : "shrink") + " the ensemble from " + from + " to " + to + " members";
    }

    /** The members that join or leave. */
    @Override
    public List<Integer> members() {
        return to > from ? IntStream.range(from, to).boxed().toList()
                : IntStream.range(to, from).boxed().sorted((a, b) -> b - a).toList();
    }

    @Override
    public void apply() {
        for (int member : members()) {
            if (to > from) {
                record(resizable.grow());
            } else {
                if (site.refresh().leader().orElse(-1) == member) {
                    site.say("removing member " + member + ", the leader: the service must move leadership to a"
                            + " remaining member");
                }
                record(resizable.shrink());
            }
        }
    }

    private void record(Resize resize) {
        synchronized (done) {
            done.add(resize);
        }
        site.say(resize.describe());
    }

    /** What changed, for the timeline: one line per membership change, the leader's removal named. */
    public String summary() {
        synchronized (done) {
            StringBuilder summary = new StringBuilder("membership " + from + " -> " + to);
            done.forEach(r -> summary.append("; ").append(r.describe()));
            return summary.toString();
        }
    }

    /** Whether a member removed was the leader when it left. */
    public boolean removedTheLeader() {
        synchronized (done) {
            return done.stream().anyMatch(Resize::wasLeader);
        }
    }

    @Override
    public void recover() {
        // a membership change stays: nothing to undo
    }
}
