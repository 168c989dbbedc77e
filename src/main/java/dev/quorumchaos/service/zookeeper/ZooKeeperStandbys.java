package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.settings.RunSettings;

/** Member JVMs started before a run's first scenario asks for them (see {@link StandbyPool}). */
public final class ZooKeeperStandbys {

    private ZooKeeperStandbys() {
    }

    /**
     * Starts {@code count} member JVMs for a run about to begin, so its first ensemble does not
     * wait for JVMs to start. Nothing is started if members cannot be (no ZooKeeper on the
     * classpath): the first ensemble then says why.
     */
    public static void start(RunSettings settings, int count) {
        try {
            StandbyPool.at(settings.runsDir(), MemberLauncher.fromHarnessClasspath(settings), settings.standbyMembers())
                    .fill(count);
        } catch (ChaosException e) {
            // the first deploy reports it
        }
    }

    /** Stops the member JVMs {@link #start} started, unless a target uses them. */
    public static void stop(RunSettings settings) {
        StandbyPool.closeUnused(settings.runsDir());
    }
}
