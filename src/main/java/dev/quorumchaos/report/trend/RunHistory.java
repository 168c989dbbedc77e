package dev.quorumchaos.report.trend;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.report.AtomicFile;
import dev.quorumchaos.report.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The nightly trend: {@code history.jsonl}, one JSON line per run, oldest first. Recording a run
 * rewrites the file beside itself and renames it into place, so a crash leaves the old history
 * or the new one, never half a line. Lines it cannot read (hand edits, a future format) are
 * kept as they are and left out of the trend. One writer at a time: runs sharing a reports
 * directory do not overlap anyway, since they share {@code reports/latest} too.
 */
public final class RunHistory {

    private static final ObjectWriter LINE = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectReader READ = Json.MAPPER.readerFor(HistoryEntry.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .without(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final Path file;

    private RunHistory(Path file) {
        this.file = file;
    }

    public static RunHistory at(Path file) {
        return new RunHistory(file);
    }

    /** Adds the run, replacing an earlier line of the same run (a report rendered again), and returns the whole history. */
    public List<HistoryEntry> record(HistoryEntry entry) {
        return record(entry, Integer.MAX_VALUE);
    }

    /**
     * Adds the run as {@link #record(HistoryEntry)} does and returns the last {@code n} runs,
     * oldest first. A nightly history grows by a line a night, and a run's report shows only the
     * last few: only those lines are parsed, and of the others only one holding this run's time.
     */
    public List<HistoryEntry> record(HistoryEntry entry, int n) {
        String at = entry.at() == null ? null : LINE.writeValueAsString(entry.at());
        List<String> lines = new ArrayList<>();
        for (String line : lines()) {
            HistoryEntry old = at != null && line.contains(at) ? parse(line) : null;
            if (old == null || !Objects.equals(old.at(), entry.at())) {
                lines.add(line);
            }
        }
        lines.add(LINE.writeValueAsString(entry));
        try {
            AtomicFile.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ChaosException("Report: cannot record the run in the history " + file.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
        return newest(lines, n);
    }

    /** Every run the history holds, oldest first. */
    public List<HistoryEntry> read() {
        return last(Integer.MAX_VALUE);
    }

    /** The last {@code n} runs, oldest first. */
    public List<HistoryEntry> last(int n) {
        return newest(lines(), n);
    }

    /** The last {@code n} readable entries of {@code lines}, oldest first, parsing from the end. */
    private static List<HistoryEntry> newest(List<String> lines, int n) {
        java.util.ArrayDeque<HistoryEntry> newest = new java.util.ArrayDeque<>();
        for (int i = lines.size() - 1; i >= 0 && newest.size() < n; i--) {
            HistoryEntry entry = parse(lines.get(i));
            if (entry != null) {
                newest.addFirst(entry);
            }
        }
        return List.copyOf(newest);
    }

    private List<String> lines() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new ChaosException("Report: cannot read the history " + file.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    private static HistoryEntry parse(String line) {
        try {
            return READ.readValue(line);
        } catch (JacksonException e) {
            return null;
        }
    }
}
