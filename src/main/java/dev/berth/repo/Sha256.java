package dev.berth.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex, the form every digest in Berth's state takes. */
public final class Sha256 {

    private static final int CHUNK_BYTES = 64 * 1024;

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String of(byte[] content) {
        return HexFormat.of().formatHex(newDigest().digest(content));
    }

    public static String of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Streams the file, so large supporting files are never held in memory. */
    public static String ofFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            return of(channel);
        }
    }

    /**
     * Hashes an open file from its current position, streamed. The buffer is sized to the file when it is
     * small: most repository files are a few hundred bytes, and a fixed 64 KiB buffer for each of tens of
     * thousands of them was most of the garbage a repository read produced.
     */
    static String of(FileChannel channel) throws IOException {
        return of(channel, channel.size());
    }

    /** As {@link #of(FileChannel)}, for a file whose size is already known (one system call fewer). */
    static String of(FileChannel channel, long size) throws IOException {
        MessageDigest md = newDigest();
        // + 1: a file that grew since its size was read is still read whole, in more rounds
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(1, Math.min(CHUNK_BYTES, size + 1)));
        while (channel.read(buffer) >= 0) {
            md.update(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
