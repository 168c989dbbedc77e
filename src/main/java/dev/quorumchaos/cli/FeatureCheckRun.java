package dev.quorumchaos.cli;

import io.cucumber.core.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Cucumber dry run with {@link FeatureCheck} listening, its findings read back. */
record FeatureCheckRun(int scenarios, List<String> problems, List<String[]> faultReferences, int firstEnsembleSize) {

    private static final Pattern RESOURCE = Pattern.compile("Failed to parse resource at: (\\S+)");
    private static final Pattern PARSE_ERROR =
            Pattern.compile("\\((\\d+):(\\d+)\\): expected: (.*), got '(.*)'");

    static FeatureCheckRun run(List<String> cucumberArgs) {
        Path findings;
        try {
            findings = Files.createTempFile("chaos-check", ".txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> argv = new ArrayList<>(cucumberArgs);
        argv.addAll(0, List.of("--plugin", FeatureCheck.class.getName() + ":" + findings));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        byte status;
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            status = Main.run(argv.toArray(String[]::new), Thread.currentThread().getContextClassLoader());
        } catch (RuntimeException e) {
            status = 1;
            captured.writeBytes(String.valueOf(e).getBytes(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        try {
            List<String> lines = Files.exists(findings) ? Files.readAllLines(findings) : List.of();
            Files.deleteIfExists(findings);
            if (lines.isEmpty()) {
                // Cucumber stopped before running anything: a file it could not parse
                return new FeatureCheckRun(0, List.of(parseFailure(captured.toString(StandardCharsets.UTF_8), status)),
                        List.of(), 0);
            }
            List<String> problems = new ArrayList<>();
            List<String[]> faults = new ArrayList<>();
            int size = 0;
            for (String line : lines.subList(1, lines.size())) {
                String[] parts = line.split("\t");
                if (parts[0].equals("fault")) {
                    faults.add(new String[]{parts[1], parts[2]});
                } else if (parts[0].equals("size")) {
                    size = Integer.parseInt(parts[1]);
                } else {
                    problems.add(parts[1]);
                }
            }
            return new FeatureCheckRun(Integer.parseInt(lines.get(0)), problems, faults, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Turns Gherkin's "(2:3): expected: #EOF, ..., got 'Given'" into file:line and plain words. */
    private static String parseFailure(String output, byte status) {
        Matcher resource = RESOURCE.matcher(output);
        if (resource.find()) {
            String file = resource.group(1);
            try {
                file = FeatureCheck.where(java.net.URI.create(file), 0).replaceFirst(":0$", "");
            } catch (IllegalArgumentException ignored) {
                // not a URI: keep it as Cucumber wrote it
            }
            List<String> errors = new ArrayList<>();
            Matcher m = PARSE_ERROR.matcher(output);
            while (m.find() && errors.size() < 3) {
                String expected = m.group(3).replace("#", "").replace("EOF, ", "");
                errors.add(file + ":" + m.group(1) + ": Gherkin cannot read '" + m.group(4) + "' here (expected one of: "
                        + expected + ")");
            }
            return errors.isEmpty() ? file + ": not a feature file Cucumber can parse" : String.join("; ", errors);
        }
        String firstLines = String.join(" ", output.lines().limit(3).toList());
        return "cucumber could not read the features (status " + status + "): " + firstLines;
    }
}
