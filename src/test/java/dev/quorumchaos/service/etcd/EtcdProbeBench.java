package dev.quorumchaos.service.etcd;

import io.etcd.jetcd.Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What one role poll costs: {@link EtcdRoleProbe} (a channel kept per member) beside jetcd's
 * {@code statusMember} (a channel per call), against the same 3 real members, in one run.
 * Run with: {@code java -cp target/classes:target/test-classes:$(cat target/test.classpath)
 * dev.quorumchaos.service.etcd.EtcdProbeBench [polls]}.
 */
public final class EtcdProbeBench {

    private EtcdProbeBench() {
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    public static void main(String[] args) throws Exception {
        int polls = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        Path dir = Files.createTempDirectory("etcd-probe-bench");
        try (RealEtcd etcd = RealEtcd.create(dir, 3, false).startAll();
             Client jetcd = Client.builder().endpoints(etcd.topology.realClientUrl(0)).build()) {
            etcd.awaitLeader(Duration.ofSeconds(20));
            for (int i = 0; i < 200; i++) { // warm-up
                etcd.probe.poll(i % 3);
                jetcd.getMaintenanceClient().statusMember(etcd.topology.realClientUrl(i % 3).toString()).get(5, TimeUnit.SECONDS);
            }
            long start = System.nanoTime();
            long cpu = cpuNanos();
            for (int i = 0; i < polls; i++) {
                etcd.probe.poll(i % 3);
            }
            double kept = (System.nanoTime() - start) / 1e3 / polls;
            double keptCpu = (cpuNanos() - cpu) / 1e3 / polls;
            start = System.nanoTime();
            cpu = cpuNanos();
            for (int i = 0; i < polls; i++) {
                jetcd.getMaintenanceClient().statusMember(etcd.topology.realClientUrl(i % 3).toString()).get(5, TimeUnit.SECONDS);
            }
            double perCall = (System.nanoTime() - start) / 1e3 / polls;
            double perCallCpu = (cpuNanos() - cpu) / 1e3 / polls;
            System.out.printf("etcd role poll, %d polls: channel kept per member %.0f us wall, %.0f us harness CPU;"
                    + " jetcd statusMember (a channel per call) %.0f us wall, %.0f us CPU: %.1fx the wall time%n",
                    polls, kept, keptCpu, perCall, perCallCpu, perCall / kept);
        }
    }
}
