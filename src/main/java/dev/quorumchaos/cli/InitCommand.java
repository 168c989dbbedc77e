package dev.quorumchaos.cli;

import dev.quorumchaos.ChaosException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code chaos init [DIR]}: what a team needs to run its own scenarios from its own repository —
 * a sample feature, the fault catalog, a workflow using the GitHub Action, a README snippet.
 * Every file is checked before any is written: one that exists stops it all (exit 2, naming it).
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Scaffold a sample feature, the fault catalog, a GitHub workflow using the quorum-chaos action"
                + " and a README snippet into DIR (default: the current directory); never overwrites a file.")
final class InitCommand implements Callable<Integer> {

    private static final String TEMPLATES = "/dev/quorumchaos/cli/init/";

    @Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = ".",
            description = "Where to write; created if missing.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw ChaosException.badInput(dir + ": not a directory");
        }
        Map<Path, byte[]> files = scaffold();
        List<Path> taken = files.keySet().stream().map(dir::resolve).filter(Files::exists).toList();
        if (!taken.isEmpty()) {
            throw ChaosException.badInput("chaos init writes nothing over an existing file, and "
                    + (taken.size() == 1 ? taken.get(0) + " exists"
                            : "these exist: " + taken.stream().limit(3).map(Path::toString).collect(Collectors.joining(", "))
                            + (taken.size() > 3 ? " and " + (taken.size() - 3) + " more" : ""))
                    + "; nothing was written. Move it aside or init another directory.");
        }
        for (Map.Entry<Path, byte[]> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue(), StandardOpenOption.CREATE_NEW);
        }
        System.out.println("chaos: wrote " + files.size() + " files into " + dir.toAbsolutePath().normalize() + ":");
        System.out.println("  features/quorum.feature        a sample feature (chaos steps lists every step)");
        System.out.println("  faults/                        the fault catalog (chaos faults lists it)");
        System.out.println("  .github/workflows/chaos.yml    a nightly workflow using the quorum-chaos action");
        System.out.println("  README-chaos.md                a section for your README");
        System.out.println("Run them here: chaos run features");
        return ChaosCli.PASSED;
    }

    /** Relative path to content, in the order written. */
    private static Map<Path, byte[]> scaffold() throws IOException {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        files.put(Path.of("features", "quorum.feature"), template("quorum.feature"));
        Path catalog = HomeFiles.home().resolve("faults");
        if (!Files.isDirectory(catalog)) {
            throw ChaosException.badInput("no fault catalog to copy at " + catalog.toAbsolutePath()
                    + ": run chaos init from the harness's bin/chaos (or ./chaos in its checkout)");
        }
        try (Stream<Path> faults = Files.list(catalog)) {
            for (Path fault : faults.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                files.put(Path.of("faults").resolve(fault.getFileName()), Files.readAllBytes(fault));
            }
        }
        files.put(Path.of(".github", "workflows", "chaos.yml"), template("chaos.yml"));
        files.put(Path.of("README-chaos.md"), template("README-chaos.md"));
        return files;
    }

    private static byte[] template(String name) {
        try (InputStream in = InitCommand.class.getResourceAsStream(TEMPLATES + name)) {
            if (in == null) {
                throw new ChaosException("the harness jar lacks its init template " + TEMPLATES + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
