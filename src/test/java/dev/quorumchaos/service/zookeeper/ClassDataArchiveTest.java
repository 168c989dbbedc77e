package dev.quorumchaos.service.zookeeper;

import dev.quorumchaos.settings.RunSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClassDataArchiveTest {

    @TempDir
    Path dir;

    @Test
    void oneEnsembleRecordsAtATimeAndItsRecordingIsUsedOnceAdopted() throws Exception {
        ClassDataArchive archive = new ClassDataArchive(dir.resolve("cds"), "java", "a.jar", "17.0.15+6");
        assertThat(archive.forNextEnsemble()).isEqualTo(ClassDataArchive.Use.RECORD);
        assertThat(archive.forNextEnsemble()).as("while one records").isEqualTo(ClassDataArchive.Use.NONE);
        assertThat(archive.flagsForStandby()).isEmpty();

        Path member = Files.createDirectories(dir.resolve("member-0"));
        Files.write(ClassDataArchive.recorded(member), new byte[]{1, 2, 3});
        archive.adopt(List.of(member));

        assertThat(archive.forNextEnsemble()).isEqualTo(ClassDataArchive.Use.USE);
        assertThat(archive.flagsForStandby()).anyMatch(flag -> flag.startsWith("-XX:SharedArchiveFile="));
    }

    @Test
    void aRecordingDiscardedBecauseNoQuorumServedLetsTheNextEnsembleRecord() {
        ClassDataArchive archive = new ClassDataArchive(dir.resolve("cds"), "java", "a.jar", "17.0.15+6");
        assertThat(archive.forNextEnsemble()).isEqualTo(ClassDataArchive.Use.RECORD);

        archive.discard();

        assertThat(archive.forNextEnsemble()).isEqualTo(ClassDataArchive.Use.RECORD);
        assertThat(dir.resolve("cds")).doesNotExist();
    }

    @Test
    void aJarRewrittenSinceTheRecordingMakesTheNextEnsembleRecordAgain() throws Exception {
        Path jar = Files.write(dir.resolve("a.jar"), new byte[]{0});
        ClassDataArchive archive = new ClassDataArchive(dir.resolve("cds"), "java", jar.toString(), "17.0.15+6");
        assertThat(archive.forNextEnsemble()).isEqualTo(ClassDataArchive.Use.RECORD);
        Path member = Files.createDirectories(dir.resolve("member-0"));
        Files.write(ClassDataArchive.recorded(member), new byte[]{1, 2, 3});
        archive.adopt(List.of(member));
        assertThat(archive.forNextEnsemble()).isEqualTo(ClassDataArchive.Use.USE);

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60))); // rewritten in place

        assertThat(archive.flagsForStandby()).as("a stale archive is not offered").isEmpty();
        assertThat(archive.forNextEnsemble()).isEqualTo(ClassDataArchive.Use.RECORD);
        try (var files = Files.list(dir.resolve("cds"))) {
            assertThat(files).as("the stale archive is gone").isEmpty();
        }
    }
}
