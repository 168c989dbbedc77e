package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.fault.partition.DirectedLink;
import dev.quorumchaos.fault.partition.LinkBehaviour;
import dev.quorumchaos.fault.partition.LinkProxy;
import dev.quorumchaos.fault.partition.Links;
import dev.quorumchaos.fault.partition.PartitionShapes;
import dev.quorumchaos.fault.partition.PartitionShape;
import dev.quorumchaos.ChaosException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every link of an ensemble on this machine, each through its own {@link LinkProxy}, so any
 * directed link can be cut without root.
 *
 * <p>Member {@code a} reaches member {@code b} through the proxies (a, b), one for b's quorum
 * port and one for its election port: they carry the connections a opens to b. Connections b
 * opens to a go through (b, a). So cutting the directed link a→b (a's bytes stop reaching b)
 * holds the upstream-bound bytes of the (a, b) proxies and the downstream-bound bytes of the
 * (b, a) proxies. Clients reach member m through m's client proxy.
 *
 * <p>Cuts overlap: each {@link Cut} is healed on its own, and where two active cuts cover the same
 * link the later one rules. Everything lives in this JVM; if it dies, so do the links, and the
 * local target stops its members with it.
 */
public final class LinkMesh implements Links, AutoCloseable {

    private final List<MemberPorts> members;
    private final LinkProxy[][] quorum;
    private final LinkProxy[][] election;
    private final LinkProxy[] clients;
    private final Set<Cut> active = new LinkedHashSet<>();
    private boolean closed;

    private LinkMesh(List<MemberPorts> members) {
        this.members = List.copyOf(members);
        int n = members.size();
        this.quorum = new LinkProxy[n][n];
        this.election = new LinkProxy[n][n];
        this.clients = new LinkProxy[n];
    }

    /** Opens the proxies of every link between {@code members}, given the ports they really listen on. */
    public static LinkMesh open(List<MemberPorts> members) {
        LinkMesh mesh = new LinkMesh(members);
        try {
            for (int to = 0; to < members.size(); to++) {
                MemberPorts real = members.get(to);
                for (int from = 0; from < members.size(); from++) {
                    if (from != to) {
                        mesh.quorum[from][to] = LinkProxy.open(from + "->" + to + " quorum", loopback(real.quorum()));
                        int a = from;
                        int b = to;
                        // b dials a back at the address a advertises: make that b's proxy to a
                        mesh.election[from][to] = LinkProxy.open(from + "->" + to + " election", loopback(real.election()),
                                in -> new ElectionAddressRewrite(in, () -> mesh.election[b][a].address()));
                    }
                }
                mesh.clients[to] = LinkProxy.open("clients->" + to, loopback(real.client()));
            }
        } catch (RuntimeException e) {
            mesh.close();
            throw e;
        }
        return mesh;
    }

    public int size() {
        return members.size();
    }

    /**
     * What member {@code from} writes into its {@code server.N} line for member {@code to}: the
     * proxies of the link, or, for its own line, its real ports, which it binds.
     */
    public PeerPorts peerAddress(int from, int to) {
        check(from);
        check(to);
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        if (from == to) {
            return new PeerPorts(host, members.get(to).quorum(), members.get(to).election());
        }
        return new PeerPorts(host, quorum[from][to].address().getPort(), election[from][to].address().getPort());
    }

    /** Where clients reach {@code member} through a link that can be cut. */
    public InetSocketAddress clientAddress(int member) {
        check(member);
        return clients[member].address();
    }

    /** Applies {@code behaviour} to the given directed links between members. */
    @Override
    public synchronized Cut cut(Set<DirectedLink> links, LinkBehaviour behaviour) {
        links.forEach(l -> {
            check(l.from());
            check(l.to());
        });
        return activate(new Cut(new TreeSet<>(links), Set.of(), behaviour));
    }

    /** Applies {@code behaviour} to both directions between clients and each of {@code members}. */
    public synchronized Cut cutClients(Set<Integer> members, LinkBehaviour behaviour) {
        members.forEach(this::check);
        return activate(new Cut(Set.of(), new TreeSet<>(members), behaviour));
    }

    /** Lifts every cut. */
    public synchronized void healAll() {
        active.clear();
        refresh();
    }

    /** The links not passing now and what they do: the evidence of what the network looks like. */
    public synchronized Map<String, LinkBehaviour> impairedLinks() {
        Map<String, LinkBehaviour> impaired = new TreeMap<>();
        for (Cut cut : active) {
            cut.links.forEach(l -> impaired.put(l.toString(), cut.behaviour));
            cut.clientMembers.forEach(m -> impaired.put("clients<->" + m, cut.behaviour));
        }
        return impaired;
    }

    private Cut activate(Cut cut) {
        if (closed) {
            throw new ChaosException("cannot cut links " + cut + ": the link mesh is closed");
        }
        active.add(cut);
        refresh();
        return cut;
    }

    private synchronized void heal(Cut cut) {
        if (active.remove(cut) && !closed) {
            refresh();
        }
    }

    /** Sets every proxy to what the active cuts say, so the cuts' order, not history, decides. */
    private void refresh() {
        for (int a = 0; a < size(); a++) {
            for (int b = 0; b < size(); b++) {
                if (a != b) {
                    LinkBehaviour aToB = behaviour(new DirectedLink(a, b));
                    LinkBehaviour bToA = behaviour(new DirectedLink(b, a));
                    quorum[a][b].set(aToB, bToA);
                    election[a][b].set(aToB, bToA);
                }
            }
            LinkBehaviour clientSide = clientBehaviour(a);
            clients[a].set(clientSide, clientSide);
        }
    }

    private LinkBehaviour behaviour(DirectedLink link) {
        LinkBehaviour result = LinkBehaviour.pass();
        for (Cut cut : active) {
            if (cut.links.contains(link)) {
                result = cut.behaviour;
            }
        }
        return result;
    }

    private LinkBehaviour clientBehaviour(int member) {
        LinkBehaviour result = LinkBehaviour.pass();
        for (Cut cut : active) {
            if (cut.clientMembers.contains(member)) {
                result = cut.behaviour;
            }
        }
        return result;
    }

    private void check(int member) {
        if (member < 0 || member >= size()) {
            throw ChaosException.badInput("no member " + member + " in an ensemble of " + size());
        }
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Closes every proxy and with it every connection between members. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            active.clear();
        }
        List<RuntimeException> failures = new ArrayList<>();
        List<LinkProxy> all = new ArrayList<>();
        Stream.of(quorum).forEach(row -> all.addAll(Arrays.asList(row)));
        Stream.of(election).forEach(row -> all.addAll(Arrays.asList(row)));
        all.addAll(Arrays.asList(clients));
        all.removeIf(Objects::isNull); // open() failed half-way
        for (LinkProxy proxy : all) {
            try {
                proxy.close();
            } catch (RuntimeException e) {
                failures.add(e); // close the others first, then report
            }
        }
        if (!failures.isEmpty()) {
            throw new ChaosException("link mesh not fully closed: " + failures.get(0).getMessage(), failures.get(0));
        }
    }

    /** One cut as applied; {@link #heal()} lifts it, once, and is a no-op after that or once the mesh closed. */
    public final class Cut implements Links.Cut {
        private final Set<DirectedLink> links;
        private final Set<Integer> clientMembers;
        private final LinkBehaviour behaviour;

        private Cut(Set<DirectedLink> links, Set<Integer> clientMembers, LinkBehaviour behaviour) {
            this.links = Set.copyOf(links);
            this.clientMembers = Set.copyOf(clientMembers);
            this.behaviour = behaviour;
        }

        public Set<DirectedLink> links() {
            return links;
        }

        public Set<Integer> clientMembers() {
            return clientMembers;
        }

        public LinkBehaviour behaviour() {
            return behaviour;
        }

        @Override
        public void heal() {
            LinkMesh.this.heal(this);
        }

        @Override
        public String toString() {
            return behaviour + " " + new TreeSet<>(links) + (clientMembers.isEmpty() ? "" : " clients<->" + clientMembers);
        }
    }
}
