package dev.quorumchaos.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many malformed inputs of every kind, made from valid ones by seeded mutation: each must end
 * with exit 2 and a message a person can read, never a stack trace, and start nothing.
 */
class BadInputFuzzTest {

    private static final String VALID = """
            Feature: f
              Scenario: s
                Given a 3-member ZooKeeper ensemble
                And a disruption budget of 1 unavailable member
                And a client writing to "/orders" every 20 ms
                When the leader is killed
                Then the ensemble has quorum within 30 seconds
                And no acknowledged write is lost
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private PrintStream originalOut;

    @BeforeEach
    void capture() {
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        System.setOut(originalOut);
    }

    private void assertRejected(String what, String... args) {
        err.reset();
        int exit = ChaosCli.execute(args);
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("exit code for %s; stderr: %s", what, message).isEqualTo(ChaosCli.BAD_INPUT);
        assertThat(message).as("message for %s", what).isNotBlank()
                .doesNotContain("\tat ").doesNotContain("Exception in thread").doesNotContain("NullPointerException");
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").matches(".*(StandbyMain|QuorumPeerMain).*")))
                .as("no member started for %s", what).isEmpty();
    }

    /** Mutations that always break a feature: a step no glue knows, a keyword misspelt, a missing header. */
    private static List<String> brokenFeatures(int count) {
        Random random = new Random(20261125);
        List<String> lines = VALID.lines().toList();
        List<String> features = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> mutated = new ArrayList<>(lines);
            int stepLine = 2 + random.nextInt(lines.size() - 2);
            String line = mutated.get(stepLine);
            switch (i % 6) {
                case 0 -> mutated.set(stepLine, line.replaceAll("[a-z]+ ", "zz" + random.nextInt(1000) + " "));
                case 1 -> mutated.set(stepLine, line.replaceFirst("(Given|And|When|Then)", "Gvien"));
                case 2 -> mutated.remove(0);
                case 3 -> mutated.add(stepLine, "      | stray | table |");
                case 4 -> mutated.set(stepLine, line + " " + "\u00a7".repeat(1 + random.nextInt(5)));
                default -> mutated.add(stepLine, "    Examples:");
            }
            features.add(String.join("\n", mutated) + "\n");
        }
        return features;
    }

    @Test
    void brokenFeaturesAreRejectedBeforeAnythingStarts() throws Exception {
        List<String> features = brokenFeatures(24);
        for (int i = 0; i < features.size(); i++) {
            Path f = Files.writeString(dir.resolve("broken-" + i + ".feature"), features.get(i));
            assertRejected("feature " + i + ":\n" + features.get(i), "run", "--target", "local",
                    "--report-dir", dir.resolve("reports").toString(), f.toString());
        }
    }

    @Test
    void valuesTheEnsembleCannotTakeAreRejected() throws Exception {
        for (String step : List.of("Given a 0-member ZooKeeper ensemble", "Given a 99-member ZooKeeper ensemble")) {
            Path f = Files.writeString(dir.resolve("size.feature"), "Feature: f\n  Scenario: s\n    " + step + "\n");
            assertRejected(step, "run", "--target", "local", "--report-dir", dir.resolve("reports").toString(),
                    f.toString());
        }
    }

    @Test
    void malformedArgumentsAreRejected() {
        List<String[]> arguments = List.of(
                new String[]{"run", "--seed", "abc"},
                new String[]{"run", "--seed"},
                new String[]{"run", "--target"},
                new String[]{"run", "--target", ""},
                new String[]{"run", "--restart-delay-ms", "soon"},
                new String[]{"run", "--tags", "("},
                new String[]{"run", "--tags", "@a and or @b"},
                new String[]{"run", "--report-dir"},
                new String[]{"run", "features/does-not-exist.feature"},
                new String[]{"run", "--faults", "/dev/null/none", "--frob"},
                new String[]{"steps", "extra"},
                new String[]{"faults", "--faults"},
                new String[]{"clean", "--context"},
                new String[]{"--version-please"},
                new String[]{"\u0000"});
        for (String[] args : arguments) {
            assertRejected(String.join(" ", args), args);
        }
    }

    @Test
    void everyCommandRejectsAnOptionItDoesNotHave() {
        // read from the CLI itself, so a command another change adds is covered as it lands
        for (Class<?> command : ChaosCli.class.getAnnotation(picocli.CommandLine.Command.class).subcommands()) {
            String name = command.getAnnotation(picocli.CommandLine.Command.class).name();
            assertRejected(name + " --no-such-option", name, "--no-such-option");
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("--no-such-option");
        }
    }

    @Test
    void everyStepRejectsANumberItCannotTakeBeforeAnythingStarts() throws Exception {
        // read from the glue itself, so a step another change adds is covered as it lands
        StringBuilder feature = new StringBuilder("Feature: numbers no step can take\n");
        List<Integer> lines = new ArrayList<>();
        int line = 1;
        for (dev.quorumchaos.glue.StepVocabulary.Phrasing p : dev.quorumchaos.glue.StepVocabulary.all()) {
            if (!p.expression().contains("{int}") || p.example() == null) {
                continue;
            }
            feature.append("  Scenario: ").append(p.expression()).append('\n')
                    .append("    Given a 3-member ZooKeeper ensemble\n")
                    .append("    ").append(p.keyword()).append(' ')
                    .append(p.example().replaceFirst("\\d+", "99999999999")).append('\n');
            line += 3;
            lines.add(line);
        }
        Path f = Files.writeString(dir.resolve("numbers.feature"), feature.toString());

        assertRejected("numbers too large", "run", "--target", "local", "--report-dir",
                dir.resolve("reports").toString(), f.toString());

        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(message).contains("numbers.feature:" + l + ":"));
    }

    @Test
    void brokenFaultFilesFailTheRunAndTheListing() throws Exception {
        Path catalog = Files.createDirectories(dir.resolve("faults"));
        Random random = new Random(7);
        String[] broken = {"kind: kill\n", "description: d\nkind: [\n", "description: d\nkind: kill\ntarget: 7 leaders\n",
                "description: d\nkind: pause\ntarget: leader\nduration: forever\n", "- a\n- b\n", "description: d\n"};
        for (String yaml : broken) {
            Files.writeString(catalog.resolve("f" + random.nextInt(1_000_000) + ".yaml"), yaml);
            Path feature = Files.writeString(dir.resolve("ok.feature"), VALID);
            assertRejected("fault file " + yaml, "run", "--target", "local", "--faults", catalog.toString(),
                    "--report-dir", dir.resolve("reports").toString(), feature.toString());
            assertRejected("fault listing " + yaml, "faults", "--faults", catalog.toString());
            assertThat(err.toString(StandardCharsets.UTF_8)).contains(catalog.toString());
            for (Path p : Files.list(catalog).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void kubeconfigsThatCannotWorkAreRejectedWithinSeconds() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.yaml"), "{{{ not yaml");
        Path noContext = Files.writeString(dir.resolve("nocontext.yaml"),
                "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n");
        Path silent = Files.writeString(dir.resolve("refused.yaml"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "https://127.0.0.1:1"}
                contexts:
                - name: ctx
                  context: {cluster: c, user: u}
                current-context: ctx
                users:
                - name: u
                  user: {token: t}
                """);
        for (Path kubeconfig : List.of(garbage, noContext, silent, dir.resolve("missing.yaml"))) {
            long start = System.nanoTime();
            assertRejected("kubeconfig " + kubeconfig.getFileName(), "run", "--target", "kubeconfig",
                    "--kubeconfig", kubeconfig.toString(), "--context", "ctx");
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms to reject %s", kubeconfig).isLessThan(15_000);
        }
    }
}
