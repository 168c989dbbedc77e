package dev.quorumchaos.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a user waits for: the whole {@code ./chaos run} of a one-scenario feature, from the
 * process's start to its exit, beside a fresh JVM that starts Curator's {@code TestingCluster(3)},
 * waits for its quorum and exits. The two alternate in one run, so load from elsewhere falls on
 * both alike; the ratio is the figure. Each harness line is stamped when it arrives, which gives
 * the phases a user sees go by.
 */
public final class WholeRunBenchmark {

    static final String FEATURE = """
            Feature: One ensemble
              Scenario: A 3-member ensemble reaches quorum
                Given a 3-member ZooKeeper ensemble
                Then the ensemble has quorum within 30 seconds
            """;

    /** The phases, each ending at the first line that matches after the previous one's end. */
    private static final List<Phase> PHASES = List.of(
            new Phase("process start -> seed printed", l -> l.contains("chaos: seed ")),
            new Phase("seed -> first step", l -> l.contains("Given a 3-member ZooKeeper ensemble")),
            new Phase("first step -> quorum (boot)", l -> l.contains("has quorum after")),
            new Phase("quorum -> last check PASS", l -> l.contains("check quorum within") && l.contains("PASS")),
            new Phase("last check -> scenario PASSED", l -> l.contains("scenario PASSED")),
            new Phase("scenario PASSED -> process exit", l -> false));

    private final Path home;
    private final int runs;
    private final List<String> curatorCommand;

    /**
     * @param curatorCommand a JVM command line that prints Curator's boot-to-quorum in ms and exits
     */
    public WholeRunBenchmark(Path home, int runs, List<String> curatorCommand) {
        this.home = home;
        this.runs = runs;
        this.curatorCommand = List.copyOf(curatorCommand);
    }

    public void run() throws Exception {
        Path work = Files.createTempDirectory("bench-whole-run");
        Path feature = Files.writeString(work.resolve("one-ensemble.feature"), FEATURE);
        List<String> chaos = List.of(home.resolve("chaos").toString(), "run", "--report-dir",
                work.resolve("reports").resolve("latest").toString(), feature.toString());
        // first of each untimed: builds the harness if needed, records class-data archives, fills the page cache
        harness(chaos);
        curator();
        List<Long> ours = new ArrayList<>();
        List<Long> theirs = new ArrayList<>();
        List<List<Long>> phases = new ArrayList<>();
        List<List<Long>> cpu = new ArrayList<>();
        PHASES.forEach(p -> {
            phases.add(new ArrayList<>());
            cpu.add(new ArrayList<>());
        });
        for (int i = 0; i < runs; i++) {
            Run run = harness(chaos);
            ours.add(run.totalMillis());
            for (int p = 0; p < PHASES.size(); p++) {
                phases.get(p).add(run.phaseMillis()[p]);
                cpu.get(p).add(run.phaseCpuMillis()[p]);
            }
            theirs.add(curator());
        }
        System.out.printf("%-44s %-22s %-24s %s%n", "whole process, one 3-member scenario (ms)",
                median(ours) + " (./chaos run)", median(theirs) + " (Curator, fresh JVM)",
                String.format("%.2f (ours/Curator; goal <= 1.5)", (double) median(ours) / median(theirs)));
        System.out.printf("  runs, ./chaos: %s; Curator: %s%n", ours, theirs);
        System.out.printf("  %-42s %-22s %s%n", "phase", "wall (ms)", "harness JVM CPU (ms)");
        for (int p = 0; p < PHASES.size(); p++) {
            System.out.printf("  %-42s %-22s %s%n", PHASES.get(p).name(), median(phases.get(p)),
                    p == PHASES.size() - 1 ? "-" : Long.toString(median(cpu.get(p))));
        }
    }

    /**
     * One run's phases, wall and the harness JVM's own CPU time (user + system, all its threads,
     * read from /proc as each phase ends; the script execs the JVM, so the process is the JVM).
     * CPU time tells a saving from the neighbours' load, which stretches wall time.
     */
    private record Run(long totalMillis, long[] phaseMillis, long[] phaseCpuMillis) {
    }

    private static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** One {@code ./chaos run}. */
    private Run harness(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        long[] ends = new long[PHASES.size()];
        long[] cpuAt = new long[PHASES.size()];
        int phase = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                long at = System.nanoTime() - start;
                output.add(line);
                while (phase < PHASES.size() - 1 && PHASES.get(phase).endsAt().test(line)) {
                    cpuAt[phase] = cpuMillis(p.pid());
                    ends[phase++] = at;
                }
            }
        }
        int exit = p.waitFor();
        long total = System.nanoTime() - start;
        if (exit != 0 || phase < PHASES.size() - 1) {
            throw new IllegalStateException("./chaos run exited " + exit + " (phase '" + PHASES.get(phase).name()
                    + "' never ended):\n" + String.join("\n", output));
        }
        ends[PHASES.size() - 1] = total;
        long[] wall = new long[PHASES.size()];
        long[] cpu = new long[PHASES.size()];
        for (int i = 0; i < PHASES.size(); i++) {
            wall[i] = (ends[i] - (i == 0 ? 0 : ends[i - 1])) / 1_000_000;
            cpu[i] = cpuAt[i] - (i == 0 ? 0 : cpuAt[i - 1]);
        }
        return new Run(total / 1_000_000, wall, cpu);
    }

    /** Curator's cluster to quorum in a fresh JVM, start to exit, in ms. */
    private long curator() throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(curatorCommand).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the Curator JVM failed: " + out);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private record Phase(String name, Predicate<String> endsAt) {
    }
}
