package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.ensemble.EnsembleSpec;


import dev.quorumchaos.history.History;
import dev.quorumchaos.platform.local.LocalDeployment;
import dev.quorumchaos.platform.local.LocalService;
import dev.quorumchaos.platform.local.LocalTarget;
import dev.quorumchaos.platform.local.RunDirectory;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * ZooKeeper on the local platform: member JVMs ({@code QuorumPeerMain}) taken from a pool of
 * started standbys, three ports each (client, quorum, election), every link through a proxy of
 * the mesh, whose election links rewrite the addresses members announce.
 */
final class ZooKeeperOnLocal implements LocalService {

    private MemberLauncher launcher;
    private MemberReleases releases;
    private StandbyPool pool;

    @Override
    public synchronized LocalDeployment boot(LocalTarget target, EnsembleSpec spec, History history, RunDirectory dir,
                                             Runnable onClose) {
        if (launcher == null) {
            launcher = MemberLauncher.fromHarnessClasspath(target.settings());
            releases = new MemberReleases(launcher, ZooKeeperReleases.harnessVersion(),
                    ZooKeeperReleases.forUser(target.settings().machine().userHome()));
        }
        try {
            releases.prepare(spec.version()); // an unknown release is bad input before any JVM starts
        } catch (RuntimeException e) {
            dir.delete();
            throw e;
        }
        if (pool == null) {
            pool = StandbyPool.at(dir.path().getParent(), launcher, target.settings().standbyMembers());
            pool.acquire();
        }
        List<MemberPorts> ports = new ArrayList<>();
        List<ServerSocket> held = new ArrayList<>();
        LinkMesh mesh;
        try {
            for (int i = 0; i < spec.size(); i++) {
                ports.add(new MemberPorts(LocalTarget.freePort(held), LocalTarget.freePort(held),
                        LocalTarget.freePort(held)));
            }
            // opened while the members' ports are still held, so no proxy takes one of them
            mesh = LinkMesh.open(ports);
        } finally {
            LocalTarget.releasePorts(held);
        }
        StandbyPool standbys = pool;
        LocalEnsemble ensemble = new LocalEnsemble(spec, history, dir, ports, mesh, target.linkProxies(), releases, pool, () -> {
            onClose.run();
            if (!target.closing()) {
                standbys.fill(spec.size()); // an ensemble closes between scenarios: the next may need one
            }
        });
        ensemble.start();
        return ensemble;
    }

    @Override
    public synchronized void close() {
        StandbyPool used = pool;
        pool = null;
        launcher = null;
        releases = null;
        if (used != null) {
            used.release();
        }
    }
}
