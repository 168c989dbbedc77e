package dev.quorumchaos.operation;

import dev.quorumchaos.fault.Fault;

import java.util.ArrayList;
import java.util.List;

/**
 * Every member stopped gracefully and started again at once, what a careless script or a
 * {@code kubectl delete pods --all} does: the ensemble has no quorum until enough are back. The
 * example of what a rolling restart avoids, for scenarios that must fail.
 */
public record RestartAtOnce(MemberLifecycle lifecycle, int size) implements Fault {

    @Override
    public String kind() {
        return "restart-all";
    }

    @Override
    public String description() {
        return "restart every member at once";
    }

    @Override
    public List<Integer> members() {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            all.add(i);
        }
        return all;
    }

    @Override
    public void apply() {
        for (int m = 0; m < size; m++) {
            lifecycle.stop(m);
        }
        for (int m = 0; m < size; m++) {
            lifecycle.start(m, lifecycle.version(m));
        }
    }

    @Override
    public void recover() {
        for (int m = 0; m < size; m++) {
            if (!lifecycle.running(m)) {
                lifecycle.start(m, lifecycle.version(m));
            }
        }
    }
}
