package dev.quorumchaos.service.etcd;

import dev.quorumchaos.fault.partition.DirectedLink;
import dev.quorumchaos.fault.partition.LinkBehaviour;

import java.util.Arrays;

/**
 * What every directed link and every member's client link does at one moment: an immutable
 * snapshot, swapped whole when a cut is applied or healed, so the proxies' pump threads read it
 * without taking the mesh's lock.
 */
record LinkTable(LinkBehaviour[][] links, LinkBehaviour[] clients) {

    static LinkTable passing(int size) {
        LinkBehaviour[][] links = new LinkBehaviour[size][size];
        for (LinkBehaviour[] row : links) {
            Arrays.fill(row, LinkBehaviour.pass());
        }
        LinkBehaviour[] clients = new LinkBehaviour[size];
        Arrays.fill(clients, LinkBehaviour.pass());
        return new LinkTable(links, clients);
    }

    LinkBehaviour link(int from, int to) {
        return links[from][to];
    }

    LinkBehaviour client(int member) {
        return clients[member];
    }

    LinkTable with(DirectedLink link, LinkBehaviour behaviour) {
        LinkBehaviour[][] copy = Arrays.stream(links).map(LinkBehaviour[]::clone).toArray(LinkBehaviour[][]::new);
        copy[link.from()][link.to()] = behaviour;
        return new LinkTable(copy, clients);
    }

    LinkTable withClient(int member, LinkBehaviour behaviour) {
        LinkBehaviour[] copy = clients.clone();
        copy[member] = behaviour;
        return new LinkTable(links, copy);
    }

    /**
     * For bytes whose sender is not known: the most severe behaviour any member's link into
     * {@code to} has (or, {@code outbound}, out of {@code to}), so that nothing crosses a cut.
     */
    LinkBehaviour worst(int to, boolean outbound) {
        LinkBehaviour worst = LinkBehaviour.pass();
        for (int other = 0; other < links.length; other++) {
            if (other != to) {
                LinkBehaviour b = outbound ? links[to][other] : links[other][to];
                if (severity(b) > severity(worst)) {
                    worst = b;
                }
            }
        }
        return worst;
    }

    private static long severity(LinkBehaviour b) {
        return switch (b.mode()) {
            case PASS -> 0;
            case DELAY -> b.delay().toNanos();
            case BLACKHOLE -> Long.MAX_VALUE - 1;
            case RESET -> Long.MAX_VALUE;
        };
    }
}
