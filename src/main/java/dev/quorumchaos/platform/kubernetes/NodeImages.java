package dev.quorumchaos.platform.kubernetes;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.SaveImagesCmd;
import dev.quorumchaos.ChaosException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.RemoteDockerImage;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;
import org.testcontainers.utility.MountableFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Images pulled once on the Docker host and imported into every k3s node, as {@code k3d image
 * import} does, so the nodes never pull them from a registry themselves: one pull per image per
 * run instead of one per node (Docker Hub limits pulls per address), and none at all when the
 * host already has them. Each node gets the archive {@code docker save} wrote and imports it with
 * its own {@code ctr}, for its platform only: under Docker's containerd image store an archive
 * names every platform of an image but holds only the host's, and importing all would fail.
 * Imported images are pinned, so the kubelet's image garbage collection (at 85% disk, which
 * hosted CI runners reach) does not remove them between scenarios and have them pulled again.
 */
final class NodeImages implements AutoCloseable {

    static final String NODE_ARCHIVE = "/tmp/quorum-chaos-images.tar";
    static final String PINNED = "io.cri-containerd.pinned=pinned";

    private final DockerClient docker;
    private final String platform;
    /** Container id of a node -> the images it has. */
    private final Map<String, Set<String>> imported = new HashMap<>();
    private final List<Path> archives = new ArrayList<>();

    private NodeImages(DockerClient docker, String platform) {
        this.docker = docker;
        this.platform = platform;
    }

    /** For the Docker engine Testcontainers found; the nodes run on it, so they share its platform. */
    static NodeImages onDockerHost() {
        return new NodeImages(DockerClientFactory.lazyClient(),
                platform(DockerClientFactory.instance().getInfo().getArchitecture()));
    }

    /** Imports into each node the images it does not have yet; pulls on the host only what the host lacks. */
    synchronized void importInto(List<GenericContainer<?>> nodes, Collection<String> images) {
        Set<String> missing = new TreeSet<>();
        for (GenericContainer<?> node : nodes) {
            Set<String> has = imported.getOrDefault(node.getContainerId(), Set.of());
            images.stream().filter(i -> !has.contains(i)).forEach(missing::add);
        }
        if (missing.isEmpty()) {
            return;
        }
        Path archive = save(missing);
        for (GenericContainer<?> node : nodes) {
            Set<String> has = imported.computeIfAbsent(node.getContainerId(), id -> new HashSet<>());
            if (!has.containsAll(missing)) {
                importArchive(node, archive, missing);
                has.addAll(missing);
            }
        }
    }

    private Path save(Set<String> images) {
        SaveImagesCmd save = docker.saveImagesCmd();
        for (String image : images) {
            DockerImageName name = DockerImageName.parse(image);
            try {
                // pulled with the host's registry credentials, under the name the manifests use
                new RemoteDockerImage(name).withImageNameSubstitutor(ImageNameSubstitutor.noop()).get();
            } catch (RuntimeException e) {
                throw new ChaosException("k3s: cannot pull " + image + " on the Docker host for the nodes: " + e.getMessage(), e);
            }
            save.withImage(name.getUnversionedPart(), name.getVersionPart());
        }
        try {
            Path archive = Files.createTempFile("quorum-chaos-images", ".tar");
            archives.add(archive);
            try (InputStream in = save.exec()) {
                Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
            }
            return archive;
        } catch (IOException e) {
            throw new ChaosException("k3s: cannot save the images " + images + " from the Docker host for the nodes: "
                    + e.getMessage(), e);
        }
    }

    private void importArchive(GenericContainer<?> node, Path archive, Set<String> images) {
        String where = "k3s node " + node.getContainerName();
        node.copyFileToContainer(MountableFile.forHostPath(archive), NODE_ARCHIVE);
        try {
            run(node, where, importCommand(platform));
            for (String image : images) {
                run(node, where, pinCommand(image));
            }
        } finally {
            run(node, where, List.of("rm", "-f", NODE_ARCHIVE));
        }
    }

    private static void run(GenericContainer<?> node, String where, List<String> command) {
        Container.ExecResult result;
        try {
            result = node.execInContainer(command.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(where + ": " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosException(where + ": interrupted during " + String.join(" ", command));
        }
        if (result.getExitCode() != 0) {
            throw new ChaosException(where + ": " + String.join(" ", command) + " exited " + result.getExitCode() + ": "
                    + (result.getStderr() + result.getStdout()).trim());
        }
    }

    /** k3s' {@code ctr}, in the namespace the kubelet's CRI reads, for the node's own platform only. */
    static List<String> importCommand(String platform) {
        return List.of("ctr", "-n", "k8s.io", "images", "import", "--platform", platform, NODE_ARCHIVE);
    }

    static List<String> pinCommand(String image) {
        return List.of("ctr", "-n", "k8s.io", "images", "label", fullName(image), PINNED);
    }

    /**
     * The name containerd gives an image Docker names {@code image}: Docker Hub and its
     * {@code library/} namespace are spelled out ({@code zookeeper:3.9} is
     * {@code docker.io/library/zookeeper:3.9}), and a missing tag is {@code latest}.
     */
    static String fullName(String image) {
        String name = image;
        String first = name.contains("/") ? name.substring(0, name.indexOf('/')) : "";
        boolean registry = first.contains(".") || first.contains(":") || first.equals("localhost");
        if (!registry) {
            name = (first.isEmpty() ? "docker.io/library/" : "docker.io/") + name;
        } else if (first.equals("docker.io") && name.indexOf('/') == name.lastIndexOf('/')) {
            name = "docker.io/library/" + name.substring("docker.io/".length());
        }
        String last = name.substring(name.lastIndexOf('/') + 1);
        return last.contains(":") || last.contains("@") ? name : name + ":latest";
    }

    /** Docker's architecture names (uname) as OCI platforms. */
    static String platform(String architecture) {
        return "linux/" + switch (architecture) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "armv7l", "armhf" -> "arm/v7";
            case "s390x" -> "s390x";
            case "ppc64le" -> "ppc64le";
            default -> throw new ChaosException("k3s: no OCI platform known for the Docker host's architecture '"
                    + architecture + "'");
        };
    }

    /** Removes the archives written on the host; the nodes' copies went after each import. */
    @Override
    public synchronized void close() {
        for (Path archive : archives) {
            try {
                Files.deleteIfExists(archive);
            } catch (IOException e) {
                System.err.println("chaos: could not remove " + archive + ": " + e.getMessage());
            }
        }
        archives.clear();
    }
}
