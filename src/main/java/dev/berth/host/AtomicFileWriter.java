package dev.berth.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that a crash at any moment leaves either the old content or the new one, never a
 * torn file: write a temporary sibling, fsync it, rename it over the target, fsync the folder. The
 * temporary file is created with its final mode (never wider, whatever the umask), so a private file is
 * never readable by others, not even for a moment.
 */
public final class AtomicFileWriter {
    /** Berth's state: config (with the remote's credential), tokens, records. Owner only. */
    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    /** Files systemd, quadlet and people read: units, drop-ins, the files units use. */
    public static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFileWriter() {
    }

    /** A file others may read ({@link #PUBLIC}); state files use {@link #writePrivate}. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, PUBLIC);
    }

    /** A file readable by its owner only ({@link #PRIVATE}): state files, which {@link StateFiles} alone writes. */
    static void writePrivate(Path target, byte[] content) throws IOException {
        write(target, content, PRIVATE);
    }

    public static void write(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (mode.equals(PRIVATE)) {
            PrivateFolder.ensure(dir); // a private file's folder, if it has to be made, is made private too
        } else {
            Files.createDirectories(dir);
        }
        Path tmp = dir.resolve("." + target.getFileName() + ".berth-tmp");
        Files.deleteIfExists(tmp); // one left by a crash keeps whatever mode it had: start afresh
        try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), modeOf(tmp, mode))) {
            exactMode(tmp, mode); // the umask may have taken bits away; never adds any
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(dir);
    }

    private static FileAttribute<?>[] modeOf(Path file, Set<PosixFilePermission> mode) throws IOException {
        if (!Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)};
    }

    private static void exactMode(Path file, Set<PosixFilePermission> mode) throws IOException {
        try {
            Files.setPosixFilePermissions(file, mode);
        } catch (UnsupportedOperationException notPosix) {
            // no modes on such a file system
        }
    }

    /** Makes a rename or delete in {@code dir} durable. */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // Some file systems refuse fsync on a directory; the rename itself is still atomic there.
        }
    }
}
