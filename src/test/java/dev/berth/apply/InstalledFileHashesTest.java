package dev.berth.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.repo.Sha256;
import dev.berth.testing.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstalledFileHashesTest {

    @TempDir
    Path dir;

    private final List<Path> hashed = new ArrayList<>();
    private final SettableClock clock = new SettableClock(Instant.now().plusSeconds(60)); // the files written below are settled by then

    private InstalledFileHashes hashes() {
        return new InstalledFileHashes(clock, Duration.ofHours(1), p -> {
            hashed.add(p);
            return Sha256.ofFile(p);
        });
    }

    @Test
    void anUnchangedFileIsHashedOnceUntilTheFullCheckIsDue() throws Exception {
        Path f = Files.writeString(dir.resolve("web.container"), "[Container]\nImage=a\n");
        InstalledFileHashes hashes = hashes();
        assertThat(hashes.sha256(f)).contains(Sha256.ofFile(f));
        assertThat(hashes.sha256(f)).contains(Sha256.ofFile(f));
        assertThat(hashed).hasSize(1);
        clock.set(clock.instant().plus(Duration.ofMinutes(61)));
        assertThat(hashes.sha256(f)).contains(Sha256.ofFile(f));
        assertThat(hashed).hasSize(2);
    }

    @Test
    void aWriteThatKeepsSizeAndPutsMtimeBackIsStillSeen() throws Exception {
        Path f = Files.writeString(dir.resolve("web.env"), "A=1\n");
        FileTime mtime = Files.getLastModifiedTime(f);
        InstalledFileHashes hashes = hashes();
        String before = hashes.sha256(f).orElseThrow();
        Thread.sleep(20); // the kernel's file clock must tick for ctime to move
        Files.writeString(f, "A=2\n"); // same size
        Files.setLastModifiedTime(f, mtime); // as cp -p or rsync would
        assertThat(hashes.sha256(f)).contains(Sha256.ofFile(f)).isNotEqualTo(java.util.Optional.of(before));
    }

    @Test
    void aFileReplacedByRenameIsSeenByItsInode() throws Exception {
        Path f = Files.writeString(dir.resolve("a.conf"), "x=1\n");
        InstalledFileHashes hashes = hashes();
        hashes.sha256(f);
        Path other = Files.writeString(dir.resolve("b.conf"), "x=2\n");
        Files.setLastModifiedTime(other, Files.getLastModifiedTime(f));
        Files.move(other, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(hashes.sha256(f)).contains(Sha256.of("x=2\n"));
    }

    @Test
    void aFileHashedRightAfterItsWriteIsNotRemembered() throws Exception {
        Path f = Files.writeString(dir.resolve("racy.conf"), "x=1\n");
        clock.set(Instant.now()); // within the racy window of the write
        InstalledFileHashes hashes = hashes();
        hashes.sha256(f);
        hashes.sha256(f);
        assertThat(hashed).hasSize(2);
    }

    @Test
    void aMissingFileOrASymlinkHasNoHash() throws Exception {
        InstalledFileHashes hashes = hashes();
        assertThat(hashes.sha256(dir.resolve("gone"))).isEmpty();
        Path target = Files.writeString(dir.resolve("t"), "x");
        assertThat(hashes.sha256(Files.createSymbolicLink(dir.resolve("link"), target))).isEmpty();
    }
}
