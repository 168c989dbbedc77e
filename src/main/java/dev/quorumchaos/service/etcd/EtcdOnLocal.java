package dev.quorumchaos.service.etcd;

import dev.quorumchaos.ensemble.EnsembleSpec;
import dev.quorumchaos.history.History;
import dev.quorumchaos.platform.local.LocalDeployment;
import dev.quorumchaos.platform.local.LocalService;
import dev.quorumchaos.platform.local.LocalTarget;
import dev.quorumchaos.platform.local.RunDirectory;

import org.opentest4j.TestAbortedException;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * etcd on the local platform: {@code etcd} processes from the PATH (Debian's etcd-server), two
 * ports each (client, peer), peers and clients through an {@link EtcdPeerMesh}. Heartbeat 50 ms
 * and election timeout 500 ms, so scenarios run in seconds.
 */
final class EtcdOnLocal implements LocalService {

    @Override
    public LocalDeployment boot(LocalTarget target, EnsembleSpec spec, History history, RunDirectory dir,
                                Runnable onClose) {
        if (EtcdSettings.onPath(target.settings().machine()).isEmpty()) {
            throw new TestAbortedException("skipped: no etcd executable on the PATH to run etcd members on the local"
                    + " target (apt-get install etcd-server)");
        }
        EtcdSettings settings = EtcdSettings.defaults(target.settings().machine());
        String installed = InstalledEtcd.version(settings.binary());
        try {
            InstalledEtcd.require(spec.version(), installed, settings.binary()); // before any member starts
        } catch (RuntimeException e) {
            dir.delete();
            throw e;
        }
        List<EtcdPorts> ports = new ArrayList<>();
        List<ServerSocket> held = new ArrayList<>();
        EtcdPeerMesh mesh = null;
        try {
            for (int i = 0; i < spec.size(); i++) {
                ports.add(new EtcdPorts(LocalTarget.freePort(held), LocalTarget.freePort(held)));
            }
            // opened while the members' ports are still held, so no proxy takes one of them
            if (target.linkProxies()) {
                mesh = EtcdPeerMesh.open(ports);
            }
        } finally {
            LocalTarget.releasePorts(held);
        }
        EtcdLocalEnsemble ensemble;
        try {
            ensemble = new EtcdLocalEnsemble(spec, history, dir, settings, installed, ports, mesh, onClose);
        } catch (RuntimeException e) {
            if (mesh != null) {
                mesh.close();
            }
            throw e;
        }
        ensemble.start();
        return ensemble;
    }
}
