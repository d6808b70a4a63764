package dev.berth.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStampTest {
    @TempDir
    Path dir;

    @Test
    void aRegularFileHasAStampOfItsSizeAndTimes() throws Exception {
        Path f = Files.writeString(dir.resolve("applied.json"), "{}");
        FileStamp stamp = FileStamp.of(f).orElseThrow();
        assertThat(stamp.size()).isEqualTo(2);
        assertThat(stamp.mtime()).isEqualTo(Files.getLastModifiedTime(f));
        assertThat(stamp.inode()).isNotNull();
        assertThat(FileStamp.of(f)).contains(stamp);
    }

    @Test
    void aMissingFileAFolderOrASymlinkHasNone() throws Exception {
        Path target = Files.writeString(dir.resolve("t"), "x");
        assertThat(FileStamp.of(dir.resolve("gone"))).isEmpty();
        assertThat(FileStamp.of(Files.createDirectory(dir.resolve("folder")))).isEmpty();
        assertThat(FileStamp.of(Files.createSymbolicLink(dir.resolve("link"), target))).isEmpty();
    }

    @Test
    void aFileIsSettledOnlyWhenMtimeAndCtimeAreOlderThanTheRacyWindow() {
        Instant written = Instant.parse("2025-01-01T00:00:00Z");
        FileStamp stamp = new FileStamp(1, FileTime.from(written), FileTime.from(written), 1L, 1L);
        assertThat(stamp.settledAt(written.plus(FileStamp.RACY))).isFalse();
        assertThat(stamp.settledAt(written.plus(FileStamp.RACY).plusMillis(1))).isTrue();
        FileStamp ctimeLater = new FileStamp(1, FileTime.from(written), FileTime.from(written.plusSeconds(10)), 1L, 1L);
        assertThat(ctimeLater.settledAt(written.plusSeconds(5))).as("mtime put back, ctime recent").isFalse();
    }
}
