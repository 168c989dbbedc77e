package dev.quorumchaos.service.etcd;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.fault.partition.DirectedLink;
import dev.quorumchaos.fault.partition.LinkBehaviour;
import dev.quorumchaos.fault.partition.LinkProxy;
import dev.quorumchaos.fault.partition.Links;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every link of an etcd cluster on this machine, through proxies the harness owns, so any
 * directed link can be cut without root.
 *
 * <p>ZooKeeper's mesh gives each member its own view of its peers, a proxy per directed link.
 * etcd cannot take that: all members must name a member by the same peer URL (it is part of the
 * membership every member holds, member ids are derived from it, and a member checks its own
 * advertised URL against {@code --initial-cluster}). So each member has one inbound peer proxy,
 * whose URL everyone uses, and the proxy attributes each connection to the member that opened it
 * ({@link SenderRoute}, from rafthttp's request headers) before any byte goes on. Connection c,
 * opened by member a to member b, then follows link a→b for the bytes a sends and b→a for the
 * bytes b answers: the same per-direction cut as ZooKeeper's proxies, where a stream that b's
 * messages to a flow on (a opened it, a GET) is cut by b→a.
 *
 * <p>Clients reach each member through its own client proxy, cut like ZooKeeper's.
 */
public final class EtcdPeerMesh implements Links, AutoCloseable {

    private static final int CAPACITY = dev.quorumchaos.ensemble.EnsembleSpec.MAX_SIZE;

    /** Read by the proxies' threads while a member is added or removed. */
    private final List<EtcdPorts> members = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final LinkProxy[] peers = new LinkProxy[CAPACITY];
    private final LinkProxy[] clients = new LinkProxy[CAPACITY];
    private final Map<Long, Integer> learntIds = new ConcurrentHashMap<>();
    private final Set<Cut> active = new LinkedHashSet<>();
    private final AtomicLong attributedConnections = new AtomicLong();
    private volatile LinkTable table;
    private boolean closed;

    private EtcdPeerMesh() {
        this.table = LinkTable.passing(CAPACITY);
    }

    /** Opens an inbound peer proxy and a client proxy for every member, given the ports they really listen on. */
    public static EtcdPeerMesh open(List<EtcdPorts> members) {
        EtcdPeerMesh mesh = new EtcdPeerMesh();
        try {
            members.forEach(mesh::add);
        } catch (RuntimeException e) {
            mesh.close();
            throw e;
        }
        return mesh;
    }

    /** Opens the proxies of a new member, ordinal {@link #size()}; returns its ordinal. */
    public synchronized int add(EtcdPorts real) {
        if (closed) {
            throw new ChaosException("cannot add a member to a closed etcd link mesh");
        }
        int member = members.size();
        if (member >= CAPACITY) {
            throw ChaosException.badInput("an etcd link mesh links at most " + CAPACITY + " members");
        }
        try {
            peers[member] = LinkProxy.openRouted("peers->" + member, loopback(real.peer()),
                    in -> SenderRoute.read(this, member, in));
            clients[member] = LinkProxy.open("clients->" + member, loopback(real.client()));
        } catch (RuntimeException e) {
            closeQuietly(member);
            throw e;
        }
        members.add(real);
        return member;
    }

    /** Closes the proxies of the member of the highest ordinal, which has left the cluster. */
    public void removeLast() {
        int gone;
        synchronized (this) {
            if (members.isEmpty() || closed) {
                return;
            }
            gone = members.size() - 1;
            members.remove(gone);
        }
        List<RuntimeException> failures = closeQuietly(gone);
        if (!failures.isEmpty()) {
            throw new ChaosException("the links of etcd member " + gone + " not fully closed: "
                    + failures.get(0).getMessage(), failures.get(0));
        }
    }

    private List<RuntimeException> closeQuietly(int member) {
        List<RuntimeException> failures = new ArrayList<>();
        for (LinkProxy[] proxies : List.of(peers, clients)) {
            LinkProxy proxy;
            synchronized (this) {
                proxy = proxies[member];
                proxies[member] = null;
            }
            if (proxy != null) {
                try {
                    proxy.close();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        }
        return failures;
    }

    public int size() {
        return members.size();
    }

    /** The peer URL every member names {@code member} by: its inbound proxy. */
    public URI peerUrl(int member) {
        check(member);
        return EtcdTopology.url(peers[member].address().getPort());
    }

    /** Where clients reach {@code member} through a link that can be cut. */
    public URI clientUrl(int member) {
        check(member);
        return EtcdTopology.url(clients[member].address().getPort());
    }

    /** Applies {@code behaviour} to the given directed links between members. */
    @Override
    public Cut cut(Set<DirectedLink> links, LinkBehaviour behaviour) {
        links.forEach(l -> {
            check(l.from());
            check(l.to());
        });
        return activate(new Cut(new TreeSet<>(links), Set.of(), behaviour));
    }

    /** Applies {@code behaviour} to both directions between clients and each of {@code members}. */
    public Cut cutClients(Set<Integer> members, LinkBehaviour behaviour) {
        members.forEach(this::check);
        return activate(new Cut(Set.of(), new TreeSet<>(members), behaviour));
    }

    /** Lifts every cut. */
    public void healAll() {
        synchronized (this) {
            active.clear();
            table = computeTable();
        }
        follow();
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

    /** How many peer connections a request has attributed to their sender so far. */
    public long attributedConnections() {
        return attributedConnections.get();
    }

    private Cut activate(Cut cut) {
        synchronized (this) {
            if (closed) {
                throw new ChaosException("cannot cut links " + cut + ": the etcd link mesh is closed");
            }
            active.add(cut);
            table = computeTable();
        }
        follow();
        return cut;
    }

    private void heal(Cut cut) {
        synchronized (this) {
            if (!active.remove(cut) || closed) {
                return;
            }
            table = computeTable();
        }
        follow();
    }

    /** Later cuts rule where two cover the same link, so the cuts' order, not history, decides. */
    private LinkTable computeTable() {
        LinkTable next = LinkTable.passing(CAPACITY);
        for (Cut cut : active) {
            for (DirectedLink link : cut.links) {
                next = next.with(link, cut.behaviour);
            }
            for (int member : cut.clientMembers) {
                next = next.withClient(member, cut.behaviour);
            }
        }
        return next;
    }

    /** Outside the mesh's lock: the proxies' pump threads read the table while holding their own locks. */
    private void follow() {
        LinkTable now = table;
        for (int m = 0; m < size(); m++) {
            LinkProxy peer = peers[m];
            LinkProxy client = clients[m];
            if (peer != null && client != null) { // not removed in the meantime
                peer.routesChanged();
                client.set(now.client(m), now.client(m));
            }
        }
    }

    /**
     * What a connection into {@code to} opened by {@code source} does in {@code direction};
     * {@code source} -1 (not known yet) takes the most severe behaviour any member's link has.
     */
    LinkBehaviour behaviourInto(int to, int source, LinkProxy.Direction direction) {
        LinkTable now = table;
        boolean towardsTarget = direction == LinkProxy.Direction.TO_UPSTREAM;
        if (source < 0) {
            return now.worst(to, !towardsTarget);
        }
        return towardsTarget ? now.link(source, to) : now.link(to, source);
    }

    int ordinalOfPeerUrl(String url) {
        for (int m = 0; m < size(); m++) {
            if (peerUrl(m).toString().equals(url)) {
                return m;
            }
        }
        return -1;
    }

    int ordinalOfId(long id) {
        return learntIds.getOrDefault(id, -1);
    }

    void learnId(long id, int ordinal) {
        learntIds.put(id, ordinal);
    }

    /** A connection learnt its sender: its bytes follow that link from now on. */
    void attributed(SenderRoute route, int to) {
        attributedConnections.incrementAndGet();
        LinkProxy peer = peers[to];
        if (peer != null) {
            peer.routesChanged();
        }
    }

    private void check(int member) {
        if (member < 0 || member >= size()) {
            throw ChaosException.badInput("no member " + member + " in an etcd cluster of " + size());
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
        for (int m = CAPACITY - 1; m >= 0; m--) {
            failures.addAll(closeQuietly(m));
        }
        if (!failures.isEmpty()) {
            throw new ChaosException("etcd link mesh not fully closed: " + failures.get(0).getMessage(), failures.get(0));
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

        @Override
        public void heal() {
            EtcdPeerMesh.this.heal(this);
        }

        @Override
        public String toString() {
            return behaviour + " " + new TreeSet<>(links) + (clientMembers.isEmpty() ? "" : " clients<->" + clientMembers);
        }
    }
}
