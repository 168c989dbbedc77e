package dev.quorumchaos.fault.partition;

import dev.quorumchaos.fault.Fault;

import java.util.Optional;

/**
 * An ensemble whose links can be cut, a capability as Jepsen's optional DB protocols are: the
 * local platform's proxies, packet drops inside the pods' network namespaces on Kubernetes. A
 * scenario that partitions an ensemble without it is skipped, with the reason.
 */
public interface Partitionable {

    /** A fault that cuts the links of {@code shape} so that they behave as {@code behaviour}. */
    Fault partition(PartitionShape shape, LinkBehaviour behaviour);

    /**
     * Why links cannot be made to behave so here (a kernel without netem cannot slow them);
     * empty when they can.
     */
    default Optional<String> cannot(LinkBehaviour behaviour) {
        return Optional.empty();
    }
}
