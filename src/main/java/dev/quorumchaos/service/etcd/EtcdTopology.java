package dev.quorumchaos.service.etcd;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The members of one etcd cluster and how each is reached: its real loopback ports, and the URLs
 * it advertises to peers and clients (its link proxies, or its real ports where nothing is cut).
 * Member {@code i} is named {@code member-i}; its data lives in {@code <memberDir>/data}.
 */
public final class EtcdTopology implements EtcdEndpoints {

    private final EtcdSettings settings;
    /** Read by clients and the observer while the cluster grows or shrinks. */
    private final List<EtcdPorts> ports;
    private final IntFunction<URI> peerUrls;
    private final IntFunction<URI> clientUrls;
    private final EtcdMemberIds ids = new EtcdMemberIds();

    private EtcdTopology(EtcdSettings settings, List<EtcdPorts> ports, IntFunction<URI> peerUrls,
                         IntFunction<URI> clientUrls) {
        this.settings = settings;
        this.ports = ports;
        this.peerUrls = peerUrls;
        this.clientUrls = clientUrls;
    }

    /** Members that reach each other and are reached at their real ports: nothing can be cut. */
    public static EtcdTopology direct(EtcdSettings settings, List<EtcdPorts> ports) {
        List<EtcdPorts> own = new java.util.concurrent.CopyOnWriteArrayList<>(ports);
        return new EtcdTopology(settings, own, i -> url(own.get(i).peer()), i -> url(own.get(i).client()));
    }

    /** Members that reach each other, and are reached by clients, through {@code mesh}'s proxies. */
    public static EtcdTopology through(EtcdSettings settings, List<EtcdPorts> ports, EtcdPeerMesh mesh) {
        return new EtcdTopology(settings, new java.util.concurrent.CopyOnWriteArrayList<>(ports), mesh::peerUrl,
                mesh::clientUrl);
    }

    /** A member joins at the next ordinal (its proxies, if any, opened already); returns its ordinal. */
    int add(EtcdPorts real) {
        ports.add(real);
        return ports.size() - 1;
    }

    /** The member of the highest ordinal has left. */
    void removeLast() {
        ports.remove(ports.size() - 1);
    }

    static URI url(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public int size() {
        return ports.size();
    }

    public EtcdSettings settings() {
        return settings;
    }

    @Override
    public EtcdMemberIds ids() {
        return ids;
    }

    public static String name(int ordinal) {
        return "member-" + ordinal;
    }

    public static Path dataDir(Path memberDir) {
        return memberDir.resolve("data");
    }

    /** The URL every member names member {@code ordinal} by. */
    public URI peerUrl(int ordinal) {
        return peerUrls.apply(ordinal);
    }

    /** Where clients reach the member: through its client proxy, if there is one. */
    @Override
    public URI clientUrl(int ordinal) {
        return clientUrls.apply(ordinal);
    }

    /** The member's own client port, for the harness's observer and admin calls, which no partition cuts. */
    public URI realClientUrl(int ordinal) {
        return url(ports.get(ordinal).client());
    }

    @Override
    public URI adminUrl(int ordinal) {
        return realClientUrl(ordinal);
    }

    public EtcdPorts ports(int ordinal) {
        return ports.get(ordinal);
    }

    /** {@code member-0=http://...,member-1=...}: the membership every member bootstraps with. */
    public String initialCluster() {
        return IntStream.range(0, size()).mapToObj(i -> name(i) + "=" + peerUrl(i)).collect(Collectors.joining(","));
    }

    /** The config member {@code ordinal} bootstraps the cluster with. */
    public EtcdMemberConfig bootstrapConfig(int ordinal, Path memberDir) {
        return config(ordinal, memberDir, initialCluster(), EtcdMemberConfig.State.NEW);
    }

    /** The config of a member added to the running cluster whose membership is {@code initialCluster}. */
    public EtcdMemberConfig joiningConfig(int ordinal, Path memberDir, String initialCluster) {
        return config(ordinal, memberDir, initialCluster, EtcdMemberConfig.State.EXISTING);
    }

    private EtcdMemberConfig config(int ordinal, Path memberDir, String initialCluster, EtcdMemberConfig.State state) {
        return new EtcdMemberConfig(name(ordinal), dataDir(memberDir), ports.get(ordinal), peerUrl(ordinal),
                clientUrl(ordinal), initialCluster, state, settings);
    }
}
