package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.ChaosException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The server jars of a ZooKeeper release, resolved as Maven resolves them (Maven's own resolver,
 * wired by its Maven 3 supplier): from the user's local repository ({@code ~/.m2/repository}),
 * so a second run needs no network, else from Maven Central, into that repository. Logback is
 * left out (members log through the harness's slf4j-simple), as are slf4j-api (the harness's
 * 2.x, which finds slf4j-simple; a 1.7 api would not) and the native TLS jars members never load.
 */
final class ZooKeeperReleases {

    /** The releases members can start as: their config, {@code srvr} and start-up match the harness's. */
    static final Pattern SUPPORTED = Pattern.compile("3\\.(8|9)\\.\\d+");

    static final RemoteRepository CENTRAL =
            new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/").build();

    private static final List<Exclusion> LEFT_OUT = List.of(
            new Exclusion("ch.qos.logback", "*", "*", "*"),
            new Exclusion("org.slf4j", "*", "*", "*"),
            new Exclusion("io.netty", "netty-tcnative-boringssl-static", "*", "*"),
            new Exclusion("io.netty", "netty-tcnative-classes", "*", "*"));

    private final Path localRepository;
    private final RemoteRepository remote;
    private final Map<String, List<Path>> resolved = new ConcurrentHashMap<>();

    ZooKeeperReleases(Path localRepository, RemoteRepository remote) {
        this.localRepository = localRepository;
        this.remote = remote;
    }

    /** The user's repository and Central, as Maven's defaults are. */
    static ZooKeeperReleases forUser(Path userHome) {
        return new ZooKeeperReleases(userHome.resolve(".m2").resolve("repository"), CENTRAL);
    }

    /** The release the harness was built with ("3.9.5"): its members keep the standby pool and class-data sharing. */
    static String harnessVersion() {
        String full = org.apache.zookeeper.Version.getFullVersion();
        int end = full.indexOf('-');
        return end < 0 ? full.trim() : full.substring(0, end).trim();
    }

    /** Whether {@code version} reads like a release number at all ("3.9.5"). */
    static boolean looksLikeVersion(String version) {
        return version != null && version.matches("\\d+\\.\\d+\\.\\d+");
    }

    /**
     * The jars a member of {@code version} runs (ZooKeeper, jute, Netty, commons-io...), resolved
     * once per run. A version outside {@link #SUPPORTED}, one Central does not serve, and Central
     * out of reach are each bad input with a message that says which.
     */
    List<Path> serverJars(String version) {
        if (!SUPPORTED.matcher(version).matches()) {
            throw ChaosException.badInput("ZooKeeper " + version + " is not a release the local target can start:"
                    + " it starts ZooKeeper 3.8.x and 3.9.x members (the harness's own is " + harnessVersion() + ")");
        }
        List<Path> jars = resolved.get(version);
        if (jars == null) {
            jars = resolve(version);
            resolved.put(version, jars);
        }
        return jars;
    }

    private List<Path> resolve(String version) {
        RepositorySystem system = new RepositorySystemSupplier().get();
        try (RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(localRepository)
                .setConfigProperty("aether.connector.connectTimeout", 10_000)
                .setConfigProperty("aether.connector.requestTimeout", 60_000)
                .build()) {
            Dependency server = new Dependency(new DefaultArtifact("org.apache.zookeeper:zookeeper:" + version),
                    "runtime", false, LEFT_OUT);
            CollectRequest collect = new CollectRequest(server, List.of(remote));
            DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter("runtime"));
            return system.resolveDependencies(session, request).getArtifactResults().stream()
                    .map(ArtifactResult::getArtifact).map(a -> a.getPath()).toList();
        } catch (DependencyResolutionException e) {
            throw failure(version, e);
        } finally {
            system.shutdown();
        }
    }

    private ChaosException failure(String version, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof ConnectException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return ChaosException.badInput("cannot fetch ZooKeeper " + version + ": " + remote.getUrl()
                        + " is unreachable (" + t + ") and " + localRepository + " does not hold it yet."
                        + " Run once where Maven Central is reachable, or put the release in that repository", e);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ArtifactNotFoundException) {
                return ChaosException.badInput("ZooKeeper " + version + " is not a release " + remote.getUrl()
                        + " serves in full (" + t.getMessage() + "); the harness's own is " + harnessVersion(), e);
            }
        }
        return ChaosException.badInput("cannot resolve ZooKeeper " + version + " from " + localRepository + " and "
                + remote.getUrl() + ": " + e.getMessage(), e);
    }
}
