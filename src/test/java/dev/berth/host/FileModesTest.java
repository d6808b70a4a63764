package dev.berth.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files have their final mode before the rename; the state folder is owner-only from its creation, and so are its files. */
class FileModesTest {
    @TempDir
    Path tmp;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aPrivateFileIsOwnerOnlyAndAPublicOneWorldReadable() throws Exception {
        AtomicFileWriter.writePrivate(tmp.resolve("config.json"), "{}".getBytes());
        AtomicFileWriter.write(tmp.resolve("web.container"), "[Container]\n".getBytes());
        assertThat(mode(tmp.resolve("config.json"))).isEqualTo("rw-------");
        assertThat(mode(tmp.resolve("web.container"))).isEqualTo("rw-r--r--");
    }

    @Test
    void theTemporaryFileAlreadyHasTheFinalModeBeforeTheRename() throws Exception {
        // a stale temporary file from a crash, world-writable: it must not lend its mode to the new content
        Path stale = tmp.resolve(".token.berth-tmp");
        Files.writeString(stale, "old");
        Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("rw-rw-rw-"));
        // the rename fails (a folder that is not empty is in the way), which leaves the temporary file to look at
        Files.createDirectories(tmp.resolve("token/inside"));
        assertThatThrownBy(() -> AtomicFileWriter.writePrivate(tmp.resolve("token"), "secret".getBytes())).isInstanceOf(java.io.IOException.class);
        assertThat(mode(stale)).isEqualTo("rw-------");
        assertThat(stale).hasContent("secret");
    }

    @Test
    void theStateFolderIsCreatedOwnerOnlyAndAWiderOneIsTightened() throws Exception {
        Path state = PrivateFolder.ensure(tmp.resolve("var/lib/berth"));
        assertThat(mode(state)).isEqualTo("rwx------");
        Path old = Files.createDirectories(tmp.resolve("old"));
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(mode(PrivateFolder.ensure(old))).isEqualTo("rwx------");

        AtomicFileWriter.writePrivate(tmp.resolve("fresh/applied.json"), "{}".getBytes());
        assertThat(mode(tmp.resolve("fresh"))).as("a private file's new folder").isEqualTo("rwx------");
    }

    @Test
    void aStateFileIsWrittenOwnerOnlyInAFolderTightenedToOwnerOnlyAndLeavesNoTemporaryFile() throws Exception {
        Path state = Files.createDirectories(tmp.resolve("state"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        StateFiles files = new StateFiles(state);

        files.write("mcp-token", "old\n".getBytes());
        files.write("mcp-token", "new\n".getBytes());

        assertThat(mode(state)).isEqualTo("rwx------");
        assertThat(mode(files.path("mcp-token"))).isEqualTo("rw-------");
        assertThat(files.path("mcp-token")).hasBinaryContent("new\n".getBytes());
        try (var listing = Files.list(state)) {
            assertThat(listing).containsExactly(state.resolve("mcp-token"));
        }
    }
}
