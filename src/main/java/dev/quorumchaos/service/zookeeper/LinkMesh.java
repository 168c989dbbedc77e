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
 * <p>Every member's configuration names its peers alike, {@code member-N:quorum:election} (see
 * {@link MemberNames}), because with dynamic reconfiguration the server list is one text the
 * leader proposes and every member adopts. What differs is what a name resolves to in each
 * member's JVM (its own hosts file): in b's own, {@code member-b} is 127.0.0.1, where b binds
 * its ports; in a's, it is the loopback address of the link (a, b), where the (a, b) proxies
 * listen on b's port numbers. So per-link proxies survive a reconfig, and the mesh grows and
 * shrinks with the ensemble ({@link #add}, {@link #removeLast}).
 *
 * <p>Cuts overlap: each {@link Cut} is healed on its own, and where two active cuts cover the same
 * link the later one rules. Everything lives in this JVM; if it dies, so do the links, and the
 * local target stops its members with it.
 */
public final class LinkMesh implements Links, AutoCloseable {

    private static final int CAPACITY = dev.quorumchaos.ensemble.EnsembleSpec.MAX_SIZE;

    private final List<MemberPorts> members = new ArrayList<>();
    private final LinkProxy[][] quorum = new LinkProxy[CAPACITY][CAPACITY];
    private final LinkProxy[][] election = new LinkProxy[CAPACITY][CAPACITY];
    private final LinkProxy[] clients = new LinkProxy[CAPACITY];
    private final Set<Cut> active = new LinkedHashSet<>();
    private boolean closed;

    private LinkMesh() {
    }

    /** Opens the proxies of every link between {@code members}, given the ports they really listen on. */
    public static LinkMesh open(List<MemberPorts> members) {
        LinkMesh mesh = new LinkMesh();
        try {
            members.forEach(mesh::add);
        } catch (RuntimeException e) {
            mesh.close();
            throw e;
        }
        return mesh;
    }

    /**
     * Opens the proxies of a new member, ordinal {@link #size()}, to and from every member there
     * is; returns its ordinal. A proxy that cannot open closes those opened before it.
     */
    public synchronized int add(MemberPorts real) {
        if (closed) {
            throw new ChaosException("cannot add a member to a closed link mesh");
        }
        int added = members.size();
        if (added >= CAPACITY) {
            throw ChaosException.badInput("a mesh links at most " + CAPACITY + " members");
        }
        members.add(real);
        try {
            for (int other = 0; other < added; other++) {
                openLink(other, added);
                openLink(added, other);
            }
            clients[added] = LinkProxy.open("clients->" + added, loopback(real.client()));
        } catch (RuntimeException e) {
            closeMember(added);
            members.remove(added);
            throw e;
        }
        refresh();
        return added;
    }

    /** Closes the proxies to and from the member of the highest ordinal, which has left the ensemble. */
    public void removeLast() {
        int gone;
        synchronized (this) {
            if (members.isEmpty() || closed) {
                return;
            }
            gone = members.size() - 1;
            members.remove(gone);
        }
        List<RuntimeException> failures = closeMember(gone);
        if (!failures.isEmpty()) {
            throw new ChaosException("the links of member " + gone + " not fully closed: "
                    + failures.get(0).getMessage(), failures.get(0));
        }
    }

    private void openLink(int from, int to) {
        MemberPorts real = members.get(to);
        InetAddress at = MemberNames.linkAddress(from, to);
        quorum[from][to] = LinkProxy.open(from + "->" + to + " quorum", new InetSocketAddress(at, real.quorum()),
                loopback(real.quorum()), java.util.function.UnaryOperator.identity());
        // to dials from back at the address from advertises: make that to's proxy to from
        election[from][to] = LinkProxy.open(from + "->" + to + " election", new InetSocketAddress(at, real.election()),
                loopback(real.election()), in -> new ElectionAddressRewrite(in, () -> election[to][from].address()));
    }

    public synchronized int size() {
        return members.size();
    }

    /**
     * Where member {@code from} reaches member {@code to}: the proxies of the link, on the link's
     * own loopback address and {@code to}'s port numbers, or, for {@code from == to}, its real
     * ports on 127.0.0.1, which it binds. {@code member-to} resolves to this host in {@code
     * from}'s JVM.
     */
    public synchronized PeerPorts peerAddress(int from, int to) {
        check(from);
        check(to);
        MemberPorts real = members.get(to);
        String host = from == to ? InetAddress.getLoopbackAddress().getHostAddress()
                : MemberNames.linkAddress(from, to).getHostAddress();
        return new PeerPorts(host, real.quorum(), real.election());
    }

    /** The ports member {@code member} really listens on. */
    public synchronized MemberPorts ports(int member) {
        check(member);
        return members.get(member);
    }

    /** Where clients reach {@code member} through a link that can be cut. */
    public synchronized InetSocketAddress clientAddress(int member) {
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
        int n;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            active.clear();
            n = members.size();
        }
        List<RuntimeException> failures = new ArrayList<>();
        for (int m = n - 1; m >= 0; m--) {
            failures.addAll(closeMember(m)); // close the others first, then report
        }
        if (!failures.isEmpty()) {
            throw new ChaosException("link mesh not fully closed: " + failures.get(0).getMessage(), failures.get(0));
        }
    }

    /** Closes the proxies to, from and of {@code member} that are open; returns what failed. */
    private List<RuntimeException> closeMember(int member) {
        List<LinkProxy> all = new ArrayList<>();
        synchronized (this) {
            for (int other = 0; other < CAPACITY; other++) {
                all.addAll(Arrays.asList(quorum[member][other], quorum[other][member],
                        election[member][other], election[other][member]));
                quorum[member][other] = null;
                quorum[other][member] = null;
                election[member][other] = null;
                election[other][member] = null;
            }
            all.add(clients[member]);
            clients[member] = null;
        }
        all.removeIf(Objects::isNull); // never opened, or open() failed half-way
        List<RuntimeException> failures = new ArrayList<>();
        for (LinkProxy proxy : all) {
            try {
                proxy.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        return failures;
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
