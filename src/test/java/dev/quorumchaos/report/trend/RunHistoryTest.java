package dev.quorumchaos.report.trend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RunHistoryTest {

    @TempDir
    Path dir;

    private static HistoryEntry run(String at, double score, int failed) {
        return new HistoryEntry(at, "local", score, 5 - failed, failed, 0, 1200L, 3000, 0, List.of());
    }

    @Test
    void eachRunAddsOneCompleteJsonLine() throws Exception {
        RunHistory history = RunHistory.at(dir.resolve("reports/history.jsonl"));

        history.record(run("2026-11-24T02:00:00Z", 97.5, 0));
        List<HistoryEntry> all = history.record(run("2026-11-25T02:00:00Z", 61.0, 2));

        List<String> lines = Files.readAllLines(dir.resolve("reports/history.jsonl"));
        assertThat(lines).hasSize(2).allMatch(l -> l.startsWith("{") && l.endsWith("}"));
        assertThat(lines.get(1)).contains("\"score\":61.0").contains("\"failed\":2");
        assertThat(Files.readString(dir.resolve("reports/history.jsonl"))).endsWith("}\n");
        assertThat(all).extracting(HistoryEntry::at).containsExactly("2026-11-24T02:00:00Z", "2026-11-25T02:00:00Z");
    }

    @Test
    void recordingTheSameRunAgainReplacesItsLine() {
        RunHistory history = RunHistory.at(dir.resolve("history.jsonl"));
        history.record(run("2026-11-24T02:00:00Z", 97.5, 0));
        history.record(run("2026-11-25T02:00:00Z", 61.0, 2));

        List<HistoryEntry> all = history.record(run("2026-11-25T02:00:00Z", 62.0, 2));

        assertThat(all).extracting(HistoryEntry::score).containsExactly(97.5, 62.0);
    }

    @Test
    void aLineItCannotReadIsKeptInTheFileAndLeftOutOfTheTrend() throws Exception {
        Path file = dir.resolve("history.jsonl");
        Files.writeString(file, "{\"at\":\"2026-11-23T02:00:00Z\",\"score\":90.0,\"passed\":5}\nnot json, a hand edit\n");

        List<HistoryEntry> all = RunHistory.at(file).record(run("2026-11-24T02:00:00Z", 97.5, 0));

        assertThat(all).extracting(HistoryEntry::at).containsExactly("2026-11-23T02:00:00Z", "2026-11-24T02:00:00Z");
        assertThat(Files.readAllLines(file)).contains("not json, a hand edit").hasSize(3);
    }

    @Test
    void lastGivesTheNewestRunsOldestFirst() {
        RunHistory history = RunHistory.at(dir.resolve("history.jsonl"));
        for (int day = 10; day < 20; day++) {
            history.record(run("2026-11-" + day + "T02:00:00Z", day, 0));
        }

        assertThat(history.last(3)).extracting(HistoryEntry::score).containsExactly(17.0, 18.0, 19.0);
    }

    @Test
    void recordingForATrendReturnsTheNewestReadableRunsAndStillReplacesTheSameRun() throws Exception {
        Path file = dir.resolve("history.jsonl");
        RunHistory history = RunHistory.at(file);
        for (int day = 10; day < 20; day++) {
            history.record(run("2026-11-" + day + "T02:00:00Z", day, 0));
        }
        Files.writeString(file, "not json, a hand edit\n", java.nio.file.StandardOpenOption.APPEND);

        List<HistoryEntry> trend = history.record(run("2026-11-18T02:00:00Z", 80.0, 1), 3);

        assertThat(trend).extracting(HistoryEntry::score).containsExactly(17.0, 19.0, 80.0);
        assertThat(Files.readAllLines(file)).hasSize(11).contains("not json, a hand edit")
                .noneMatch(l -> l.contains("\"score\":18.0"));
    }

    @Test
    void theFileIsReplacedWholeAndNoTemporaryFileIsLeftBeside() throws Exception {
        Path file = dir.resolve("history.jsonl");
        RunHistory history = RunHistory.at(file);
        history.record(run("2026-11-24T02:00:00Z", 97.5, 0));
        Object before = Files.readAttributes(file, BasicFileAttributes.class).fileKey();

        history.record(run("2026-11-25T02:00:00Z", 61.0, 2));

        // a new inode: the old file was never opened for writing, so a crash could not have cut it
        assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey())
                .isNotEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
