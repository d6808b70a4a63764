package dev.berth.host;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Berth's state folder holds the remote's credential, the MCP token, the age key and the clone: it is made
 * 0700 when it is created (not created wider and tightened later), by every command that may be the first
 * to create it, and an existing one that is wider is tightened.
 */
public final class PrivateFolder {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateFolder() {
    }

    /** Creates {@code dir} (and missing parents) owner-only, or tightens it to owner-only if it exists. */
    public static Path ensure(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectories(dir);
            } catch (FileAlreadyExistsException raced) {
                // made by another process meanwhile: tightened below
            }
        }
        try {
            if (!Files.getPosixFilePermissions(dir).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(dir, OWNER_ONLY);
            }
        } catch (UnsupportedOperationException notPosix) {
            // nothing to tighten on such a file system
        }
        return dir;
    }
}
