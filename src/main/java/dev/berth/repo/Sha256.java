package dev.berth.repo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
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
     * Hashes what is left to read of an open file. The buffer is sized to the file when it is small:
     * most repository files are a few hundred bytes, and a fixed 64 KiB buffer for each of tens of
     * thousands of them was most of the garbage a repository read produced.
     */
    static String of(FileChannel channel) throws IOException {
        MessageDigest md = newDigest();
        long left = channel.size() - channel.position();
        // + 1: the read after the last byte finds the end in the same buffer (and a file that grew is still read whole)
        byte[] buf = new byte[(int) Math.max(1, Math.min(CHUNK_BYTES, left + 1))];
        InputStream in = Channels.newInputStream(channel);
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
