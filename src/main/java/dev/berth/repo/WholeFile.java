package dev.berth.repo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Reads a whole file from an open channel whose size is already known. A repository read opens tens of
 * thousands of small files, and the JDK's general-purpose whole-file reads ask the system for the size,
 * position and kind of file again each time; this asks nothing: it reads into an array of the known
 * size, then once more to see the end (the file may have grown since: then it reads on to the end).
 */
final class WholeFile {

    private static final int CHUNK_BYTES = 64 * 1024;

    private WholeFile() {
    }

    static byte[] read(FileChannel channel, long size) throws IOException {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("file too large to read whole: " + size + " bytes");
        }
        byte[] bytes = new byte[(int) size];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                return Arrays.copyOf(bytes, buffer.position()); // shrank since its size was read
            }
        }
        ByteBuffer more = ByteBuffer.allocate(CHUNK_BYTES);
        if (channel.read(more) < 0) {
            return bytes;
        }
        ByteArrayOutputStream grown = new ByteArrayOutputStream();
        grown.write(bytes);
        do {
            grown.write(more.array(), 0, more.position());
            more.clear();
        } while (channel.read(more) >= 0);
        return grown.toByteArray();
    }
}
