package dev.quorumchaos.check;

import java.util.List;

/**
 * The membership a scenario asked for, as the service lists it and as its members say.
 *
 * @param expected  how many members the scenario expects
 * @param committed the voting members as the service lists them (ZooKeeper's server lines, etcd's members)
 * @param observed  how many members the harness observes (ordinals 0 to observed - 1)
 * @param serving   how many of them serve now
 * @param states    each observed member's role now
 */
public record MembershipEvidence(int expected, List<String> committed, int observed, int serving, List<String> states)
        implements Evidence {

    @Override
    public Judges judges() {
        return Judges.AVAILABILITY;
    }
}
