package dev.quorumchaos.service.etcd;

/** The loopback ports one etcd member really listens on: clients (gRPC, and metrics) and peers (raft over HTTP). */
public record EtcdPorts(int client, int peer) {
}
